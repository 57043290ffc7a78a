# Mirrors `make serve`: same Makefile, same steps, gunicorn on 0.0.0.0:8000 as a non-root user.
FROM python:3.11-slim

RUN apt-get update && apt-get install -y --no-install-recommends make \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 1000 archive

WORKDIR /app
COPY --chown=archive:archive requirements.txt ./
USER archive
RUN python -m venv .venv && .venv/bin/pip install --no-cache-dir -r requirements.txt && touch .venv/.installed
COPY --chown=archive:archive . .
RUN touch .venv/.installed

ENV DATA_DIR=/data HOST=0.0.0.0 PORT=8000 PYTHONUNBUFFERED=1
USER root
RUN mkdir -p /data && chown archive:archive /data
USER archive
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s \
    CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz').status == 200 else 1)"
CMD ["make", "serve"]
