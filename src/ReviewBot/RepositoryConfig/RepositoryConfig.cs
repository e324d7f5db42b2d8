namespace ReviewBot.RepositoryConfig;

/// <summary>Guidance from a repository's maintainers for the files matching <see cref="Paths"/>.</summary>
public sealed record PathInstruction(IReadOnlyList<string> Paths, string Text);

/// <summary>
/// One repository's effective review settings: the built-in defaults, then the organisation's
/// <c>.github/reviewbot.yml</c>, then the repository's own, each read from a default or base branch. A value left
/// null defers to the server's configuration (<c>Ranking:*</c>, <c>Critic:*</c>, <c>Webhooks:ReviewDrafts</c>).
/// </summary>
public sealed record RepositoryConfig
{
    /// <summary>
    /// Excluded in every repository, in addition to <c>paths.exclude</c>: generated, vendored, lock and minified
    /// files. The file triage drops most of them by content too; these globs also cover names it cannot see.
    /// </summary>
    public static IReadOnlyList<string> DefaultExcludes { get; } =
    [
        "**/*.g.cs", "**/*.g.i.cs", "**/*.designer.cs", "**/*.generated.cs", "**/*.pb.go", "**/*_pb2.py",
        "**/vendor/**", "**/third_party/**", "**/node_modules/**", "**/bower_components/**",
        "**/*.lock", "**/package-lock.json", "**/npm-shrinkwrap.json", "**/pnpm-lock.yaml", "**/go.sum", "**/packages.lock.json",
        "**/*.min.js", "**/*.min.css", "**/*.map",
    ];

    /// <summary>The settings when no file says otherwise.</summary>
    public static RepositoryConfig Default { get; } = new();

    /// <summary>False: ReviewBot does not review this repository's pull requests at all.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Use the language-model critic when the server has one; false: the offline critic. Null: the server decides.</summary>
    public bool? Llm { get; init; }

    /// <summary>Review draft pull requests. Null: <c>Webhooks:ReviewDrafts</c>.</summary>
    public bool? Drafts { get; init; }

    /// <summary>Most inline comments per review. Null: <c>Ranking:MaxComments</c>.</summary>
    public int? MaxComments { get; init; }

    /// <summary>λ. Null: <c>Ranking:LengthModifier</c>.</summary>
    public double? LengthModifier { get; init; }

    /// <summary>Target length percentile, instead of λ. Null: <c>Ranking:TargetLengthPercentile</c>.</summary>
    public double? TargetLengthPercentile { get; init; }

    /// <summary>Files reviewed; default every file.</summary>
    public IReadOnlyList<string> Include { get; init; } = ["**"];

    /// <summary>Files never reviewed, in addition to <see cref="DefaultExcludes"/>.</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    public IReadOnlyList<PathInstruction> Instructions { get; init; } = [];

    /// <summary>Pull requests by these authors (logins, case-insensitive) are not reviewed.</summary>
    public IReadOnlyList<string> SkipAuthors { get; init; } = [];

    /// <summary>Pull requests carrying any of these labels (case-insensitive) are not reviewed.</summary>
    public IReadOnlyList<string> SkipLabels { get; init; } = [];

    /// <summary>Keep this repository's reviews and feedback out of exported training data.</summary>
    public bool TrainingOptOut { get; init; }

    /// <summary>Applies <paramref name="layer"/> over these settings: every key it sets replaces the value here.</summary>
    public RepositoryConfig With(ConfigLayer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        var lengthSet = layer.LengthModifier is not null || layer.TargetLengthPercentile is not null;
        return this with
        {
            Enabled = layer.Enabled ?? Enabled,
            Llm = layer.Llm ?? Llm,
            Drafts = layer.Drafts ?? Drafts,
            MaxComments = layer.MaxComments ?? MaxComments,

            // λ and the percentile are one setting given two ways: a layer that sets either replaces both.
            LengthModifier = lengthSet ? layer.LengthModifier : LengthModifier,
            TargetLengthPercentile = lengthSet ? layer.TargetLengthPercentile : TargetLengthPercentile,
            Include = layer.Include ?? Include,
            Exclude = layer.Exclude ?? Exclude,
            Instructions = layer.Instructions ?? Instructions,
            SkipAuthors = layer.SkipAuthors ?? SkipAuthors,
            SkipLabels = layer.SkipLabels ?? SkipLabels,
            TrainingOptOut = layer.TrainingOptOut ?? TrainingOptOut,
        };
    }
}

/// <summary>What one configuration file sets; null where it is silent.</summary>
public sealed record ConfigLayer
{
    public static ConfigLayer Empty { get; } = new();

    public bool? Enabled { get; init; }

    public bool? Llm { get; init; }

    public bool? Drafts { get; init; }

    public int? MaxComments { get; init; }

    public double? LengthModifier { get; init; }

    public double? TargetLengthPercentile { get; init; }

    public IReadOnlyList<string>? Include { get; init; }

    public IReadOnlyList<string>? Exclude { get; init; }

    public IReadOnlyList<PathInstruction>? Instructions { get; init; }

    public IReadOnlyList<string>? SkipAuthors { get; init; }

    public IReadOnlyList<string>? SkipLabels { get; init; }

    public bool? TrainingOptOut { get; init; }
}

/// <summary>One thing wrong with a configuration file, at a 1-based line and column.</summary>
public sealed record ConfigProblem(int Line, int Column, string Message)
{
    public override string ToString() => $"line {Line}, column {Column}: {Message}";
}
