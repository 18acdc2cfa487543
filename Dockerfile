# Multi-stage build of WSIS Tracker; the final image runs as a non-root user.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/WsisTracker.Core/WsisTracker.Core.csproj src/WsisTracker.Core/
COPY src/WsisTracker.Web/WsisTracker.Web.csproj src/WsisTracker.Web/
# ReadyToRun: the app and its packages are compiled ahead for this runtime, so it serves at full speed from the start
# (docs/performance.md). Pass --build-arg RID=linux-arm64 for an ARM image.
ARG RID=linux-x64
RUN dotnet restore src/WsisTracker.Web/WsisTracker.Web.csproj -r $RID
COPY src/ src/
RUN dotnet publish src/WsisTracker.Web/WsisTracker.Web.csproj -c Release -r $RID --self-contained false -p:PublishReadyToRun=true --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
RUN apt-get update && apt-get install -y --no-install-recommends wget && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
USER app
ENV ASPNETCORE_URLS=http://+:8080
EXPOSE 8080
ENTRYPOINT ["dotnet", "WsisTracker.Web.dll"]
