namespace ReviewBot.Cli;

/// <summary>Recorded GitHub deliveries shipped inside the binary, for benchmarks and self-checks.</summary>
internal static class RecordedPayloads
{
    public static byte[] PullRequestOpened() => Read("pull_request.opened.payload.json");

    private static byte[] Read(string name)
    {
        using var stream = typeof(RecordedPayloads).Assembly.GetManifestResourceStream($"ReviewBot.Payloads.{name}")
            ?? throw new InvalidOperationException($"embedded payload {name} is missing");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
