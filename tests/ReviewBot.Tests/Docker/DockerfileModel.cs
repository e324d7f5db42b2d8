using System.Text.Json;

namespace ReviewBot.Tests.Docker;

/// <summary>One instruction of a Dockerfile: its keyword and its arguments, continuation lines joined.</summary>
internal sealed record DockerInstruction(string Keyword, string Arguments, int Stage);

/// <summary>
/// The instructions of the repository's Dockerfile that say how the image builds and starts ReviewBot, read so a test
/// can do the same without Docker: the publish command, the final stage's environment, working directory, entry point.
/// </summary>
internal sealed class DockerfileModel
{
    private DockerfileModel(IReadOnlyList<DockerInstruction> instructions) => Instructions = instructions;

    public IReadOnlyList<DockerInstruction> Instructions { get; }

    public int StageCount => Instructions.Count(static i => i.Keyword == "FROM");

    private int FinalStage => StageCount - 1;

    public static DockerfileModel Load(string path)
    {
        var instructions = new List<DockerInstruction>();
        var stage = -1;
        var pending = "";
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.TrimEnd();
            if (pending.Length == 0 && (line.TrimStart().StartsWith('#') || line.Trim().Length == 0))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending += line[..^1].Trim() + " ";
                continue;
            }

            var whole = (pending + line.Trim()).Trim();
            pending = "";
            var space = whole.IndexOf(' ', StringComparison.Ordinal);
            var keyword = (space < 0 ? whole : whole[..space]).ToUpperInvariant();
            if (keyword == "FROM")
            {
                stage++;
            }

            instructions.Add(new DockerInstruction(keyword, space < 0 ? "" : whole[(space + 1)..].Trim(), stage));
        }

        return new DockerfileModel(instructions);
    }

    /// <summary>The arguments after <c>RUN dotnet publish</c>.</summary>
    public IReadOnlyList<string> PublishArguments()
    {
        var run = Instructions.Single(static i => i.Keyword == "RUN" && i.Arguments.StartsWith("dotnet publish ", StringComparison.Ordinal));
        return run.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2..];
    }

    /// <summary>The value after <paramref name="option"/> in <see cref="PublishArguments"/>.</summary>
    public string PublishOption(string option)
    {
        var arguments = PublishArguments();
        var index = arguments.ToList().IndexOf(option);
        return index >= 0 && index + 1 < arguments.Count ? arguments[index + 1] : throw new InvalidOperationException($"dotnet publish has no {option}");
    }

    /// <summary>The final stage's <c>ENV</c> (both the <c>k=v k2=v2</c> and the <c>k v</c> forms).</summary>
    public IReadOnlyDictionary<string, string> Environment()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var env in FinalInstructions("ENV"))
        {
            if (!env.Contains('=', StringComparison.Ordinal))
            {
                var space = env.IndexOf(' ', StringComparison.Ordinal);
                environment[env[..space]] = env[(space + 1)..].Trim();
                continue;
            }

            foreach (var pair in env.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                environment[pair[..equals]] = pair[(equals + 1)..].Trim('"');
            }
        }

        return environment;
    }

    /// <summary>The final stage's entry point (exec form).</summary>
    public IReadOnlyList<string> EntryPoint() =>
        JsonSerializer.Deserialize<string[]>(FinalInstructions("ENTRYPOINT").Single()) ?? throw new InvalidOperationException("ENTRYPOINT is not in exec form");

    public IEnumerable<string> FinalInstructions(string keyword) =>
        Instructions.Where(i => i.Stage == FinalStage && i.Keyword == keyword).Select(static i => i.Arguments);
}
