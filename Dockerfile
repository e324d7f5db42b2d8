# syntax=docker/dockerfile:1
# ReviewBot: built with the .NET SDK (npm fetches the ONNX Runtime native library at build time), run on the
# ASP.NET Core runtime as an unprivileged user. The image serves the GitHub App on port 8080 and keeps its SQLite
# data (reviews, feedback, jobs, evaluation reports) in the /data volume.
#
#   docker build -t reviewbot .
#   docker run -p 8080:8080 -v reviewbot-data:/data -e GitHub__WebhookSecret=... -e GitHub__AppId=... \
#     -e GitHub__PrivateKeyPath=/run/secrets/app.pem -v ./app.pem:/run/secrets/app.pem:ro reviewbot
#
# tests/ReviewBot.Tests/Docker/DockerfileTests.cs publishes and starts the app exactly as the lines below say
# (the publish line, ENV and ENTRYPOINT are read from this file), so keep their form.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
RUN apt-get update && apt-get install -y --no-install-recommends npm && rm -rf /var/lib/apt/lists/*
WORKDIR /source
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ReviewBot.sln ./
COPY src/ src/
COPY webhooks/ webhooks/
# The publish output holds libonnxruntime.so.1, the analyzers/ the offline critic loads, Samples/, and
# reward-model.onnx when a model is shipped in src/ReviewBot.Ranking/Models.
RUN dotnet publish src/ReviewBot/ReviewBot.csproj -c Release -o /app --no-self-contained

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# git lets `reviewbot review --repo` read local history; curl serves the health check.
RUN apt-get update && apt-get install -y --no-install-recommends git curl && rm -rf /var/lib/apt/lists/*
RUN groupadd --system reviewbot && useradd --system --gid reviewbot --no-create-home --shell /usr/sbin/nologin reviewbot \
    && mkdir -p /data && chown reviewbot:reviewbot /data
WORKDIR /app
# The binaries stay owned by root: the service user can read them, not change them.
COPY --from=build /app ./
ENV ASPNETCORE_URLS=http://+:8080 \
    Storage__DataDirectory=/data \
    DOTNET_EnableDiagnostics=0 \
    DOTNET_gcServer=0
VOLUME ["/data"]
EXPOSE 8080
USER reviewbot
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 CMD curl -fsS http://127.0.0.1:8080/healthz || exit 1
ENTRYPOINT ["dotnet", "/app/reviewbot.dll", "serve"]
