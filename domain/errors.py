"""Domain errors. Their messages are Norwegian because users read them."""


class PlanloggError(Exception):
    """Base of every rule Planlogg enforces."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ValidationError(PlanloggError):
    """A value is not acceptable (unknown status, bad number, text in a date)."""


class RefusedAt(ValidationError):
    """A value refused where a form has a field for it (`field`: its name in the command, as
    "case" or "meeting_date"), so that a form says the refusal at that field; the command
    line and the API say the message as any other."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.field = field


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


class AlreadyEvaluatedError(RuleError):
    """A year of a measure already evaluated, evaluated again without asking to replace it:
    `number` and `year` so a caller names its own way to ask (the command line's
    `--replace`, the API's `"replace"`, the web form's box); the message names none."""

    def __init__(self, message: str, number: str, year: int) -> None:
        super().__init__(message)
        self.number = number
        self.year = year


class AlreadyAnsweredError(RuleError):
    """A hearing response already answered, answered again without asking to replace the
    answer: `response` (its ID) and `respondent` so a caller names its own way to ask."""

    def __init__(self, message: str, response: str, respondent: str) -> None:
        super().__init__(message)
        self.response = response
        self.respondent = respondent
