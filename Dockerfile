# Mirrors `make serve`: the same Makefile steps (migrate, load the curated archive, build the index,
# collect static files) and gunicorn with gunicorn.conf.py, as a non-root user.
FROM python:3.11-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends make gcc \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt ./
RUN python -m venv .venv && .venv/bin/pip install --no-cache-dir -r requirements.txt && touch .venv/.installed

FROM python:3.11-slim
RUN apt-get update && apt-get install -y --no-install-recommends make postgresql-client \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 1000 archive \
    && mkdir -p /data && chown archive:archive /data
WORKDIR /app
COPY --from=build --chown=archive:archive /app/.venv .venv
COPY --chown=archive:archive . .
# the copied tree is newer than the venv stamp; the stamp says the install is done
RUN touch .venv/.installed
USER archive
# HTTPS=1: the container is meant to sit behind a TLS-terminating proxy (set HTTPS=0 to try it bare)
ENV DATA_DIR=/data HOST=0.0.0.0 PORT=8000 HTTPS=1 PYTHONUNBUFFERED=1
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s \
    CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz').status == 200 else 1)"
CMD ["make", "serve"]
