"""The JSON API: read endpoints, command endpoints and the OpenAPI document."""
