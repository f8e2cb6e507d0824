"""Domain errors. Their messages are Norwegian because users read them."""


class PlanloggError(Exception):
    """Base of every rule Planlogg enforces."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ValidationError(PlanloggError):
    """A value is not acceptable (unknown status, bad number, text in a date)."""


class RuleError(PlanloggError):
    """A command is not allowed in the plan's current state."""


class NotFoundError(PlanloggError):
    """Something named in a command does not exist."""


class ConcurrentEditError(PlanloggError):
    """Someone else changed the same thing first; nothing was overwritten."""


class UnregisteredDecisionError(RuleError):
    """A change cites a decision the register does not hold: `case` is the reference as it
    would be registered, so a caller can say how to register it where it can be done."""

    def __init__(self, message: str, reference: str, case: str) -> None:
        super().__init__(message)
        self.reference = reference
        self.case = case
