using System.Globalization;

namespace ReviewBot.Ranking.Features;

/// <summary>
/// Identifies a feature layout. A model trained on one layout only makes sense with the same layout, so a model file
/// records its schema and loading checks it against the running extractor.
/// </summary>
/// <param name="Name">E.g. <c>critique-features</c>.</param>
/// <param name="Version">Bumped whenever any feature's meaning, order or hashing changes.</param>
/// <param name="Dimension">F: the width of the feature vector.</param>
/// <param name="HashSeed">Seed of the stable hash behind the hashed features.</param>
public sealed record FeatureSchema(string Name, int Version, int Dimension, ulong HashSeed)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name} v{Version} (F={Dimension}, seed={HashSeed})");
}

/// <summary>A named range of the feature vector, for documentation and <c>rm info</c>.</summary>
public sealed record FeatureBlock(int Start, int Length, string Description)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"[{Start}..{Start + Length - 1}] {Description}");
}
