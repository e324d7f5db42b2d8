using System.CommandLine;
using System.Net.Http.Headers;
using ReviewBot.Webhooks;

namespace ReviewBot.Cli;

/// <summary><c>reviewbot replay</c>: send a recorded delivery to a ReviewBot server, signed exactly as GitHub signs it.</summary>
internal static class ReplayCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The recorded payload (JSON), sent byte for byte." };
        var eventName = new Option<string>("--event") { Description = "X-GitHub-Event, e.g. pull_request.", Required = true };
        var url = new Option<Uri>("--url") { CustomParser = CliParsers.AbsoluteHttpUri, Description = "The webhook URL, e.g. http://127.0.0.1:5000/webhooks/github.", Required = true };
        var secret = new Option<string>("--secret") { Description = "The webhook secret to sign with." };
        var delivery = new Option<string>("--delivery") { Description = "X-GitHub-Delivery (default: a new GUID)." };
        var command = new Command("replay", "Sign and send a recorded webhook delivery.") { file, eventName, url, secret, delivery };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                await Console.Error.WriteLineAsync($"reviewbot replay: '{path.FullName}' does not exist").ConfigureAwait(false);
                return 2;
            }

            var body = await File.ReadAllBytesAsync(path.FullName, cancellationToken).ConfigureAwait(false);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            using var request = Build(parse.GetValue(url)!, body, parse.GetValue(eventName)!, parse.GetValue(delivery) ?? Guid.NewGuid().ToString(), parse.GetValue(secret));
            try
            {
                using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                var answer = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                Console.WriteLine($"{(int)response.StatusCode} {response.ReasonPhrase} {answer}");
                return response.IsSuccessStatusCode ? 0 : 1;
            }
            catch (HttpRequestException ex)
            {
                await Console.Error.WriteLineAsync($"reviewbot replay: {ex.Message}").ConfigureAwait(false);
                return 2;
            }
        });
        return command;
    }

    /// <summary>A delivery as GitHub sends it: event, delivery id, signature of the raw bytes, Hookshot user agent.</summary>
    public static HttpRequestMessage Build(Uri url, byte[] body, string eventName, string deliveryId, string? secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.UserAgent.ParseAdd("GitHub-Hookshot/reviewbot-replay");
        request.Headers.Add("X-GitHub-Event", eventName);
        request.Headers.Add("X-GitHub-Delivery", deliveryId);
        if (!string.IsNullOrEmpty(secret))
        {
            request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Sign(body, secret));
        }

        return request;
    }
}
