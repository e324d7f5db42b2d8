# syntax=docker/dockerfile:1
# ReviewBot: build with the .NET SDK (npm fetches the ONNX Runtime native library), run on the ASP.NET runtime.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
RUN apt-get update && apt-get install -y --no-install-recommends npm && rm -rf /var/lib/apt/lists/*
WORKDIR /source
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ReviewBot.sln ./
COPY src/ src/
COPY webhooks/ webhooks/
RUN dotnet publish src/ReviewBot/ReviewBot.csproj -c Release -o /app --no-self-contained

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# git lets `reviewbot review --repo` read local history; curl serves the health check.
RUN apt-get update && apt-get install -y --no-install-recommends git curl && rm -rf /var/lib/apt/lists/*
RUN groupadd --system reviewbot && useradd --system --gid reviewbot --home-dir /app --shell /usr/sbin/nologin reviewbot \
    && mkdir -p /data && chown reviewbot:reviewbot /data
WORKDIR /app
COPY --from=build --chown=reviewbot:reviewbot /app ./
ENV ASPNETCORE_URLS=http://+:8080 \
    Storage__DataDirectory=/data \
    DOTNET_EnableDiagnostics=0
VOLUME ["/data"]
EXPOSE 8080
USER reviewbot
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 CMD curl -fsS http://127.0.0.1:8080/healthz || exit 1
ENTRYPOINT ["dotnet", "/app/reviewbot.dll", "serve"]
