using System.Text.Json.Serialization;
using ReviewBot.Core.Critiques;
using ReviewBot.Core.Pipeline;

namespace ReviewBot.Data.Reviews;

/// <summary>The JSON columns of the review store: candidates' critiques and run statistics.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(Critique))]
[JsonSerializable(typeof(ReviewStats))]
[JsonSerializable(typeof(Highlight))]
[JsonSerializable(typeof(CriticInput))]
internal sealed partial class StoreJsonContext : JsonSerializerContext;
