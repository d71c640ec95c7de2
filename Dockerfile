FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 VAR_DIR=/app/var
WORKDIR /app
# PDF of generated documents (docs/documents.md): `docker build --build-arg
# WITH_LIBREOFFICE=true .` adds LibreOffice Writer headless (~250 MB); without it, .docx only.
ARG WITH_LIBREOFFICE=false
RUN if [ "$WITH_LIBREOFFICE" = "true" ]; then \
      apt-get update && apt-get install -y --no-install-recommends \
        libreoffice-writer-nogui fonts-liberation2 \
      && rm -rf /var/lib/apt/lists/*; \
    fi
COPY pyproject.toml requirements.lock ./
RUN pip install --no-cache-dir -c requirements.lock . \
    && useradd --create-home --uid 1000 khenthuong
COPY . .
RUN mkdir -p /app/var && DEBUG=True python manage.py collectstatic --noinput -v0 \
    && chown -R khenthuong /app/var
USER khenthuong
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
