# syntax=docker/dockerfile:1
# lawgraph: the SPARQL service with the bundled seed report loaded at build time.
# Build:  docker build -t lawgraph .            Run: docker run -p 8000:8000 lawgraph
# Configuration is through LAWGRAPH_* environment variables (docs/settings.md).
ARG BASE_IMAGE=python:3.11-slim

FROM ${BASE_IMAGE} AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PYTHONDONTWRITEBYTECODE=1
RUN python3 -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /src
COPY pyproject.toml README.md ./
COPY src ./src
RUN pip install .

FROM ${BASE_IMAGE}
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    PATH=/opt/venv/bin:$PATH \
    LAWGRAPH_HOME=/app \
    LAWGRAPH_STORE=/data/store
COPY --from=build /opt/venv /opt/venv
WORKDIR /app
COPY ontology ./ontology
COPY queries ./queries
COPY data ./data
RUN useradd --system --uid 10001 --home-dir /data --create-home app
USER 10001
RUN lawgraph load /app/data/facts
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/sparql?query=ASK%7B%7D')"]
CMD ["lawgraph", "serve", "--host", "0.0.0.0", "--port", "8000"]
