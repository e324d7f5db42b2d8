using ReviewBot.Core.Diffs;

namespace ReviewBot.Simulators.GitHub;

/// <summary>
/// <c>github --urls URL [--seed-patch FILE] [--repo OWNER/NAME] [--number N] [--head SHA] [--token TOKEN]</c>: runs the simulator
/// until Ctrl+C or SIGTERM. <c>--token</c> accepts that personal token for writes (reads need none).
/// </summary>
internal static class GitHubSimulatorCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = new GitHubSimulatorOptions();
        string? seedPatch = null;
        var repository = "octo-org/demo";
        var number = 1;
        string? token = null;
        var head = new string('a', 40);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--urls": options.Urls = args[i + 1]; break;
                case "--seed-patch": seedPatch = args[i + 1]; break;
                case "--repo": repository = args[i + 1]; break;
                case "--number": number = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--token": token = args[i + 1]; break;
                case "--head": head = args[i + 1]; break;
                default:
                    await Console.Error.WriteLineAsync($"unknown option {args[i]}").ConfigureAwait(false);
                    return 2;
            }
        }

        await using var simulator = new GitHubSimulator(options);
        if (token is not null)
        {
            simulator.AddPersonalToken(token, "reviewbot-user");
        }

        if (seedPatch is not null)
        {
            string patch;
            try
            {
                patch = await File.ReadAllTextAsync(seedPatch).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"cannot read --seed-patch: {ex.Message}").ConfigureAwait(false);
                return 2;
            }

            simulator.AddPullRequest(new SimulatedPullRequest
            {
                Repository = repository,
                Number = number,
                Patch = patch,
                Title = Path.GetFileName(seedPatch),
                HeadSha = head,
                HeadFiles = AddedFiles(patch),
            });
        }

        await simulator.StartAsync().ConfigureAwait(false);
        await Console.Out.WriteLineAsync($"GitHub simulator listening on {simulator.BaseAddress}").ConfigureAwait(false);
        if (seedPatch is not null)
        {
            await Console.Out.WriteLineAsync($"Seeded {repository}#{number} at head {head}").ConfigureAwait(false);
        }

        await simulator.WaitForShutdownAsync().ConfigureAwait(false);
        var unexpected = simulator.UnexpectedRequests;
        foreach (var request in unexpected)
        {
            await Console.Error.WriteLineAsync($"unexpected request: {request.Method} {request.Path}{request.Query} {request.Error}").ConfigureAwait(false);
        }

        return unexpected.Count == 0 ? 0 : 1;
    }

    /// <summary>Files the patch adds are whole in it: serve them as head contents.</summary>
    private static Dictionary<string, string> AddedFiles(string patch)
    {
        var parsed = UnifiedDiffParser.Parse(patch);
        return parsed.Diff?.Files
            .Where(static f => f.Change == FileChangeKind.Added && !f.IsBinary)
            .ToDictionary(static f => f.Path, static f => string.Join('\n', f.NewSideLines.Select(static l => l.Text)) + "\n", StringComparer.Ordinal)
            ?? [];
    }
}
