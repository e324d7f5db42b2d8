using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using ReviewBot.Core.Telemetry;

namespace ReviewBot.Telemetry;

/// <summary>
/// Exports ReviewBot's own instruments (meter and activity source <c>ReviewBot</c>) and the runtime's built-in ones
/// for ASP.NET Core and outgoing HTTP over OTLP, when <c>Telemetry:OtlpEndpoint</c> is set. Off by default.
/// </summary>
public static class TelemetryServices
{
    private static readonly string[] Sources = [ReviewBotTelemetry.Name, "Microsoft.AspNetCore", "System.Net.Http"];
    private static readonly string[] Meters = [ReviewBotTelemetry.Name, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http"];

    public static IServiceCollection AddReviewBotTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.SectionName)
            .Validate(static o => o.OtlpEndpoint is null || (o.OtlpEndpoint.IsAbsoluteUri && o.OtlpEndpoint.Scheme is "http" or "https"), "Telemetry:OtlpEndpoint must be an absolute http(s) URL.")
            .Validate(static o => o.MetricExportInterval >= TimeSpan.FromMilliseconds(100), "Telemetry:MetricExportInterval must be at least 00:00:00.1.")
            .ValidateOnStart();
        if (configuration.GetSection(TelemetryOptions.SectionName)[nameof(TelemetryOptions.OtlpEndpoint)] is not { Length: > 0 })
        {
            return services;
        }

        services.AddHostedService<TelemetryExport>();
        return services;
    }

    /// <summary>The providers that collect and export; built when the host starts, flushed and disposed when it stops.</summary>
    private sealed class TelemetryExport(IOptions<TelemetryOptions> options) : IHostedService, IDisposable
    {
        private TracerProvider? _tracing;
        private MeterProvider? _metrics;

        public Task StartAsync(CancellationToken cancellationToken)
        {
            var settings = options.Value;
            var resource = ResourceBuilder.CreateDefault().AddService(settings.ServiceName, serviceVersion: typeof(TelemetryServices).Assembly.GetName().Version?.ToString());
            _tracing = Sdk.CreateTracerProviderBuilder()
                .SetResourceBuilder(resource)
                .AddSource(Sources)
                .AddOtlpExporter(o => Configure(o, settings, "v1/traces"))
                .Build();
            _metrics = Sdk.CreateMeterProviderBuilder()
                .SetResourceBuilder(resource)
                .AddMeter(Meters)
                .AddOtlpExporter((o, reader) =>
                {
                    Configure(o, settings, "v1/metrics");
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)settings.MetricExportInterval.TotalMilliseconds;
                })
                .Build();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            _tracing?.ForceFlush(5000);
            _metrics?.ForceFlush(5000);
            return Task.CompletedTask;
        }

        public void Dispose()
        {
            _tracing?.Dispose();
            _metrics?.Dispose();
        }

        private static void Configure(OtlpExporterOptions exporter, TelemetryOptions settings, string httpPath)
        {
            exporter.Protocol = settings.Protocol;

            // Over HTTP each signal has its own path; set in code, the endpoint is used exactly as given.
            exporter.Endpoint = settings.Protocol == OtlpExportProtocol.HttpProtobuf
                ? new Uri(settings.OtlpEndpoint!.ToString().TrimEnd('/') + "/" + httpPath)
                : settings.OtlpEndpoint!;
        }
    }
}
