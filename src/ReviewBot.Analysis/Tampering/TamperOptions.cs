using System.ComponentModel.DataAnnotations;

namespace ReviewBot.Analysis.Tampering;

/// <summary>Which half of the source files a run may use, so a model can be trained on one half and judged on the other.</summary>
public enum FilePartition
{
    /// <summary>Every file.</summary>
    All,

    /// <summary>The files whose path hashes to the training half.</summary>
    Train,

    /// <summary>The other half.</summary>
    Test,
}

/// <summary>What to generate.</summary>
public sealed record TamperOptions
{
    /// <summary>Tampers to make (fewer when the source has too few sites). Default 50.</summary>
    [Range(1, 100_000)]
    public int Count { get; init; } = 50;

    /// <summary>Untampered controls to make; null: a quarter of <see cref="Count"/> (at least one).</summary>
    [Range(0, 100_000)]
    public int? Controls { get; init; }

    /// <summary>Seed of every choice; the same source and seed give the same tampers.</summary>
    public int Seed { get; init; }

    /// <summary>The kinds to insert; empty: all of them, taken in turn.</summary>
    public IReadOnlyList<MutationKind> Kinds { get; init; } = [];

    /// <summary>Chance that a tamper also carries a harmless edit in the same method (a renamed local, a comment). Default 0.5.</summary>
    [Range(0.0, 1.0)]
    public double HarmlessEditRate { get; init; } = 0.5;

    public FilePartition Partition { get; init; } = FilePartition.All;

    /// <summary>Files larger than this are not tampered with. Default 256 KiB.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxFileBytes { get; init; } = 256 * 1024;

    public int ControlCount => Controls ?? Math.Max(1, Count / 4);
}
