using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace ReviewBot.RepositoryConfig;

/// <summary>A parsed configuration file: what it sets, or every problem found in it.</summary>
public sealed record ConfigParseResult(ConfigLayer Layer, IReadOnlyList<ConfigProblem> Problems)
{
    public bool IsValid => Problems.Count == 0;
}

/// <summary>
/// Reads <c>.github/reviewbot.yml</c> strictly: unknown keys, wrong types, values out of range and unusable globs are
/// each reported with their line and column, all at once, and a file with any problem sets nothing.
/// </summary>
public static partial class RepositoryConfigParser
{
    /// <summary>Largest configuration file read, in bytes.</summary>
    public const int MaxBytes = 64 * 1024;

    public const int MaxGlobs = 100;
    public const int MaxInstructions = 20;
    public const int MaxInstructionCharacters = 2000;
    public const int MaxNames = 200;

    private static readonly string[] TopLevelKeys =
    [
        "enabled", "llm", "drafts", "max_comments", "length_modifier", "target_length_percentile", "paths", "instructions", "skip", "training_opt_out",
    ];

    public static ConfigParseResult Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var problems = new List<ConfigProblem>();
        var root = Load(text, problems);
        if (root is null)
        {
            return new ConfigParseResult(ConfigLayer.Empty, problems);
        }

        if (root is not YamlMappingNode mapping)
        {
            problems.Add(At(root, "the file must be a mapping of settings (key: value), e.g. 'max_comments: 4'"));
            return new ConfigParseResult(ConfigLayer.Empty, problems);
        }

        var reader = new Reader(problems);
        var layer = ConfigLayer.Empty;
        foreach (var (keyNode, value) in mapping.Children)
        {
            if (reader.Key(keyNode, TopLevelKeys, "") is not { } key)
            {
                continue;
            }

            layer = key switch
            {
                "enabled" => layer with { Enabled = reader.Bool(value, key) },
                "llm" => layer with { Llm = reader.Bool(value, key) },
                "drafts" => layer with { Drafts = reader.Bool(value, key) },
                "training_opt_out" => layer with { TrainingOptOut = reader.Bool(value, key) },
                "max_comments" => layer with { MaxComments = reader.Int(value, key, 0, 50) },
                "length_modifier" => layer with { LengthModifier = reader.Number(value, key, -100, 100) },
                "target_length_percentile" => layer with { TargetLengthPercentile = reader.Number(value, key, 0, 100) },
                "paths" => reader.Paths(value, layer),
                "skip" => reader.Skip(value, layer),
                _ => layer with { Instructions = reader.Instructions(value) },
            };
        }

        if (layer.LengthModifier is not null && layer.TargetLengthPercentile is not null)
        {
            var node = mapping.Children.First(c => c.Key is YamlScalarNode { Value: "target_length_percentile" }).Key;
            problems.Add(At(node, "set length_modifier or target_length_percentile, not both: they are two ways of choosing how many comments a review keeps"));
        }

        return new ConfigParseResult(problems.Count == 0 ? layer : ConfigLayer.Empty, problems);
    }

    /// <summary>The document's root node; null for an empty file (or one of comments only) and for YAML that does not parse.</summary>
    private static YamlNode? Load(string text, List<ConfigProblem> problems)
    {
        var parser = new TrackingParser(new Parser(new StringReader(text)));
        var stream = new YamlStream();
        try
        {
            stream.Load(parser);
        }
        catch (YamlException ex)
        {
            problems.Add(new ConfigProblem(Line(ex.Start.Line), Line(ex.Start.Column), "not valid YAML: " + CleanYamlMessage(ex.Message)));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner gives up on some malformed flow collections without a position: report where it was.
            problems.Add(new ConfigProblem(Line(parser.LastEnd.Line), Line(parser.LastEnd.Column), "not valid YAML: an unfinished [list] or {mapping}, or a stray character after it"));
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            problems.Add(At(stream.Documents[1].RootNode, "the file must hold one YAML document; remove the second '---'"));
            return null;
        }

        return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
    }

    internal static ConfigProblem At(YamlNode node, string message) => new(Line(node.Start.Line), Line(node.Start.Column), message);

    private static int Line(long value) => (int)Math.Clamp(value, 1, int.MaxValue);

    private static string CleanYamlMessage(string message)
    {
        // "(Line: 1, Col: 5, Idx: 4) - (Line: 1, Col: 5, Idx: 4): While scanning …": the position is reported separately.
        var at = message.LastIndexOf("): ", StringComparison.Ordinal);
        var text = at >= 0 ? message[(at + 3)..] : message;
        return text.Length > 0 ? char.ToLowerInvariant(text[0]) + text[1..] : text;
    }

    /// <summary>Remembers where the last event the parser produced ended, for errors that come without a position.</summary>
    private sealed class TrackingParser(IParser inner) : IParser
    {
        public Mark LastEnd { get; private set; } = Mark.Empty;

        public ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            var moved = inner.MoveNext();
            if (inner.Current is { } current)
            {
                LastEnd = current.End;
            }

            return moved;
        }
    }
}
