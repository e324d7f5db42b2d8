using System.Text.Json.Serialization;
using ReviewBot.Core.Ranking;

namespace ReviewBot.Jobs;

/// <summary>The effective configuration stored with each review run.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(RankingOptions))]
[JsonSerializable(typeof(RepositoryConfig.EffectiveReviewConfig))]
internal sealed partial class JobsJsonContext : JsonSerializerContext;
