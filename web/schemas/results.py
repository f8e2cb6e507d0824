"""What a write endpoint answers: a Norwegian sentence plus what the command returned."""

from __future__ import annotations

from marshmallow import Schema, fields


class CommandResultSchema(Schema):
    done = fields.String(required=True, metadata={"description": "Hva som ble gjort."})
    key = fields.String(metadata={"description": "Plannøkkelen."})
    measure_id = fields.String(metadata={"description": "Tiltakets faste ID, f.eks. T012."})
    revision = fields.Integer(metadata={"description": "Tiltakets revisjon etter endringen."})
    version = fields.Integer(metadata={"description": "Planversjonen kommandoen gjaldt."})
    adopted = fields.Boolean(metadata={"description": "Om versjonen nå er vedtatt."})
    round_id = fields.String()
    body = fields.String(metadata={"description": "Organet påminnelsen gjaldt, som ID."})
    step = fields.Integer(metadata={"description": "Påminnelsens steg (dager før fristen)."})
    reminder_status = fields.String(
        metadata={"description": "Påminnelsen etterpå: sent, failed, confirmed eller intended."}
    )
    attempt = fields.Integer(metadata={"description": "Hvilket forsøk på å sende påminnelsen."})
    response_id = fields.String(metadata={"description": "Høringsuttalelsens ID, f.eks. F1."})
    case = fields.String(metadata={"description": 'Saksreferansen, f.eks. "SSU sak 11/24".'})
