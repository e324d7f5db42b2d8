namespace ReviewBot.Analysis.Tampering;

/// <summary>What the generator made, and how much it had to choose from.</summary>
public sealed record TamperSet
{
    public required IReadOnlyList<Tamper> Tampers { get; init; }

    public required IReadOnlyList<Tamper> Controls { get; init; }

    /// <summary>C# files compiled.</summary>
    public required int Files { get; init; }

    /// <summary>Places each kind could be inserted (by syntax, before the semantic and compile checks).</summary>
    public required IReadOnlyDictionary<MutationKind, int> Sites { get; init; }

    /// <summary>Tries dropped because the result had errors the original did not.</summary>
    public required int RejectedByCompiler { get; init; }

    public required long ElapsedMs { get; init; }

    /// <summary>Tampers then controls.</summary>
    public IEnumerable<Tamper> All => Tampers.Concat(Controls);
}
