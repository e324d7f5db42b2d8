namespace ReviewBot.Tests.Support;

/// <summary>
/// Waits for work that runs in the background (durable jobs) to reach a state. The timeout only bounds a hung test;
/// it is never the assertion.
/// </summary>
internal static class Eventually
{
    public static async Task<T> GetAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? timeout = null, string? what = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Gave up waiting for {what ?? "background work"}; last value: {value}");
            }

            await Task.Delay(100);
        }
    }
}
