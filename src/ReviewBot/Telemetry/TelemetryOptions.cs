using OpenTelemetry.Exporter;

namespace ReviewBot.Telemetry;

/// <summary>Section <c>Telemetry</c>: where ReviewBot exports metrics and traces. Off unless an endpoint is set.</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>
    /// An OpenTelemetry collector, e.g. <c>http://otel-collector:4317</c> (gRPC) or <c>http://otel-collector:4318</c>
    /// (HTTP). Empty (default): nothing is exported.
    /// </summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary><c>Grpc</c> (default) or <c>HttpProtobuf</c>.</summary>
    public OtlpExportProtocol Protocol { get; set; } = OtlpExportProtocol.Grpc;

    /// <summary>The <c>service.name</c> resource attribute. Default <c>reviewbot</c>.</summary>
    public string ServiceName { get; set; } = "reviewbot";

    /// <summary>How often metrics are exported. Default 60 s.</summary>
    public TimeSpan MetricExportInterval { get; set; } = TimeSpan.FromSeconds(60);
}
