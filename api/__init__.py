"""The HTTP face of the assistant: FastAPI app factory, routes, schemas and static pages."""
