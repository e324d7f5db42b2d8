using ReviewBot.Simulators.OpenAi;

namespace ReviewBot.Simulators;

/// <summary><c>openai --urls URL</c>: an OpenAI-compatible server answering with <see cref="DeterministicCritic"/>.</summary>
public static class OpenAiSimulatorCommand
{
    public const string Verb = "openai";

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var at = Array.IndexOf(args, "--urls");
        var url = at >= 0 && at + 1 < args.Length ? args[at + 1] : "http://127.0.0.1:5081";
        var server = await FakeOpenAiServer.StartAsync(DeterministicCritic.Answer, url).ConfigureAwait(false);
        await using (server.ConfigureAwait(false))
        {
            await Console.Out.WriteLineAsync($"OpenAI-compatible simulator listening on {server.BaseAddress} (POST /v1/chat/completions, /v1/completions); Ctrl+C stops it.").ConfigureAwait(false);
            using var stop = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) =>
            {
                e.Cancel = true;
                stop.Cancel();
            };
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: stop the server below.
            }
        }

        return 0;
    }
}
