namespace ReviewBot.Analysis.Tampering;

/// <summary>The bugs the tamper generator knows how to insert: one per tamper.</summary>
public enum MutationKind
{
    /// <summary><c>&lt;</c> ↔ <c>&lt;=</c>, <c>&gt;</c> ↔ <c>&gt;=</c>.</summary>
    BoundaryFlip,

    /// <summary><c>==</c> ↔ <c>!=</c>.</summary>
    EqualityFlip,

    /// <summary>The condition of an <c>if</c>, loop or conditional expression negated (or its negation removed).</summary>
    NegatedCondition,

    /// <summary><c>&amp;&amp;</c> ↔ <c>||</c>.</summary>
    LogicalOperator,

    /// <summary>Two arguments of the same type swapped.</summary>
    SwappedArguments,

    /// <summary>An <c>await</c> dropped: the task runs unobserved.</summary>
    DroppedAwait,

    /// <summary>A null check (guard clause, <c>?.</c>, <c>??</c>) removed.</summary>
    RemovedNullCheck,

    /// <summary>A bounds check (guard clause, range guard, clamp) removed.</summary>
    RemovedBoundsCheck,

    /// <summary>Another local or parameter of the same type returned.</summary>
    WrongVariableReturned,

    /// <summary>A loop bound, loop start, range or count shifted by one.</summary>
    OffByOne,

    /// <summary>A <c>using</c> or <c>Dispose()</c> removed.</summary>
    RemovedDispose,

    /// <summary>A catch body emptied (or made to return default), or a call wrapped in a catch-all.</summary>
    SwallowedException,

    /// <summary><c>+</c> ↔ <c>-</c> (and <c>+=</c> ↔ <c>-=</c>, <c>++</c> ↔ <c>--</c>) on numbers.</summary>
    PlusMinus,

    /// <summary>A <c>break</c> out of a loop removed.</summary>
    RemovedBreak,

    /// <summary>An ordinal string comparison made culture-sensitive.</summary>
    CultureComparison,

    /// <summary>An assignment turned into a self-assignment.</summary>
    SelfAssignment,

    /// <summary>Both operands of a binary operator made the same.</summary>
    IdenticalOperands,
}

/// <summary>The kebab-case names of <see cref="MutationKind"/> used on the command line and in reports.</summary>
public static class MutationKinds
{
    public static IReadOnlyList<MutationKind> All { get; } = Enum.GetValues<MutationKind>();

    /// <summary><c>BoundaryFlip</c> → <c>boundary-flip</c>.</summary>
    public static string Id(MutationKind kind)
    {
        var name = kind.ToString();
        var text = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                text.Append('-');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }

    /// <summary>Parses a kebab-case id (or the enum name); null when unknown.</summary>
    public static MutationKind? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        foreach (var kind in All)
        {
            if (string.Equals(Id(kind), trimmed, StringComparison.OrdinalIgnoreCase) || string.Equals(kind.ToString(), trimmed, StringComparison.OrdinalIgnoreCase))
            {
                return kind;
            }
        }

        return null;
    }
}
