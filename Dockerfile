# syntax=docker/dockerfile:1
# One image for every docmill process: the API (`docmill serve`) and each
# worker family (`node --import @docmill/core/loader workers/<family>.ts`).
# TypeScript runs as is through docmill's loader (esbuild, a runtime
# dependency): there is no build step.

FROM node:20-bookworm-slim AS base
WORKDIR /app
ENV NODE_ENV=production \
    NPM_CONFIG_UPDATE_NOTIFIER=false

# The package manifests alone, so `npm ci` stays cached while sources change.
FROM base AS manifests
COPY . /src
RUN mkdir /out \
 && cd /src \
 && find . -name package.json -not -path '*/node_modules/*' -exec cp --parents {} /out/ \; \
 && cp package-lock.json .npmrc /out/

FROM base AS deps
COPY --from=manifests /out/ ./
# Note: only production dependencies; tsx and esbuild are runtime
# dependencies (the CLI and the loader), so TypeScript still runs.
RUN npm ci --omit=dev --no-audit --no-fund \
 && npm cache clean --force

FROM base AS runtime
# tesseract 5 and the traineddata of the common European languages and of Fraktur
# (docmill convert --lang; see README "Press archives").
RUN apt-get update \
 && apt-get install -y --no-install-recommends tesseract-ocr \
    tesseract-ocr-eng tesseract-ocr-deu tesseract-ocr-fra tesseract-ocr-ita tesseract-ocr-spa \
    tesseract-ocr-nld tesseract-ocr-por tesseract-ocr-dan tesseract-ocr-swe \
    tesseract-ocr-script-frak tesseract-ocr-frk \
 && rm -rf /var/lib/apt/lists/*
COPY --from=deps /app ./
COPY . .
# The loader caches transformed sources under node_modules/.cache; the file
# store lives on a volume at /data (override DOCMILL_STORE for S3).
# The review app (/ui/) is bundled once here: the image's files are read-only at run time.
RUN node --import @docmill/core/loader --input-type=module -e "(await import('@docmill/ui')).buildUi(true)" \
 && mkdir -p node_modules/.cache/docmill-ts /data/store \
 && chown -R node:node node_modules/.cache /data
ENV PATH=/app/node_modules/.bin:$PATH \
    DOCMILL_STORE=/data/store \
    DOCMILL_HOST=0.0.0.0 \
    DOCMILL_PORT=8080
USER node
EXPOSE 8080
CMD ["docmill", "serve"]
