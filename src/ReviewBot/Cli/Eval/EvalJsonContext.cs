using System.Text.Json.Serialization;

namespace ReviewBot.Cli.Eval;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EvalReport))]
[JsonSerializable(typeof(CommitsReport))]
internal sealed partial class EvalJsonContext : JsonSerializerContext;
