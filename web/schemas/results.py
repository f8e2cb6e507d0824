"""What a write endpoint answers: a Norwegian sentence plus what the command returned."""

from __future__ import annotations

from marshmallow import Schema, fields

from language import N_


class CommandResultSchema(Schema):
    done = fields.String(required=True, metadata={"description": N_("Hva som ble gjort.")})
    key = fields.String(metadata={"description": N_("Plannøkkelen.")})
    measure_id = fields.String(metadata={"description": N_("Tiltakets faste ID, f.eks. T012.")})
    revision = fields.Integer(
        metadata={
            "description": N_(
                "Det nye endringsnummeret (tiltakets, innsatsområdets eller målets; også som ETag)."
            )
        }
    )
    version = fields.Integer(metadata={"description": N_("Planversjonen kommandoen gjaldt.")})
    adopted = fields.Boolean(metadata={"description": N_("Om versjonen nå er vedtatt.")})
    round_id = fields.String(
        metadata={"description": N_("Rapporteringsrunden kommandoen gjaldt, f.eks. R1.")}
    )
    body = fields.String(metadata={"description": N_("Organet påminnelsen gjaldt, som ID.")})
    step = fields.Integer(metadata={"description": N_("Påminnelsens steg (dager før fristen).")})
    reminder_status = fields.String(
        metadata={
            "description": N_(
                "Påminnelsen etterpå: sent, partly_sent, failed, deferred, superseded, unneeded, "
                "dropped, unlisted, confirmed eller intended."
            )
        }
    )
    attempt = fields.Integer(metadata={"description": N_("Hvilket forsøk på å sende påminnelsen.")})
    response_id = fields.String(metadata={"description": N_("Høringsuttalelsens ID, f.eks. F1.")})
    case = fields.String(metadata={"description": N_('Saksreferansen, f.eks. "SSU sak 11/24".')})
