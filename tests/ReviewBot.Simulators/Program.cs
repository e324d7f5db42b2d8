namespace ReviewBot.Simulators;

/// <summary>Runs a simulator on its own: <c>dotnet run --project tests/ReviewBot.Simulators -- github --urls URL</c>.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "github")
        {
            return await GitHub.GitHubSimulatorCommand.RunAsync(args[1..]).ConfigureAwait(false);
        }

        if (args.Length > 0 && args[0] == OpenAiSimulatorCommand.Verb)
        {
            return await OpenAiSimulatorCommand.RunAsync(args[1..]).ConfigureAwait(false);
        }

        await Console.Error.WriteLineAsync("usage: ReviewBot.Simulators github|openai --urls URL").ConfigureAwait(false);
        return args.Length == 0 ? 2 : 0;
    }
}
