using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using ReviewBot.Ranking.Features;
using ReviewBot.Ranking.Onnx;
using ReviewBot.Ranking.Scoring;
using ReviewBot.Tests.Support;

namespace ReviewBot.Tests.Admin;

/// <summary><c>POST /admin/rm/reload</c> on the real host with a real ONNX model file.</summary>
public sealed class AdminEndpointsTests
{
    [Fact]
    public async Task Reload_ChangedModelFile_SwapsToTheNewVersion()
    {
        using var data = new TempDirectory();
        var path = Path.Combine(data.Path, "rm.onnx");
        await File.WriteAllBytesAsync(path, Model(seed: 1));
        await using var app = new ReviewBotAppFactory(data.Path, ServeRole.Web, new Dictionary<string, string?> { ["Ranking:ModelPath"] = path });
        using var client = app.CreateClient();

        var unchanged = await ReloadAsync(client);
        await File.WriteAllBytesAsync(path, Model(seed: 2));
        var reloaded = await ReloadAsync(client);

        Assert.Equal("Unchanged", unchanged["status"]!.GetValue<string>());
        Assert.Equal("Reloaded", reloaded["status"]!.GetValue<string>());
        Assert.NotEqual(reloaded["previousVersion"]!.GetValue<string>(), reloaded["version"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reload_CorruptFile_KeepsTheOldModelAndSaysWhy()
    {
        using var data = new TempDirectory();
        var path = Path.Combine(data.Path, "rm.onnx");
        await File.WriteAllBytesAsync(path, Model(seed: 1));
        await using var app = new ReviewBotAppFactory(data.Path, ServeRole.Web, new Dictionary<string, string?> { ["Ranking:ModelPath"] = path });
        using var client = app.CreateClient();
        var before = (await ReloadAsync(client))["version"]!.GetValue<string>();

        await File.WriteAllBytesAsync(path, [1, 2, 3, 4]);
        var failed = await ReloadAsync(client);

        Assert.Equal("Failed", failed["status"]!.GetValue<string>());
        Assert.Equal(before, failed["version"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(failed["error"]?.GetValue<string>()));
    }

    [Fact]
    public async Task Reload_WithTokenConfigured_NeedsTheToken()
    {
        using var data = new TempDirectory();
        var path = Path.Combine(data.Path, "rm.onnx");
        await File.WriteAllBytesAsync(path, Model(seed: 1));
        await using var app = new ReviewBotAppFactory(data.Path, ServeRole.Web, new Dictionary<string, string?>
        {
            ["Ranking:ModelPath"] = path,
            ["Admin:Token"] = "admin-token",
        });
        using var client = app.CreateClient();

        using var anonymous = await client.PostAsync(new Uri("/admin/rm/reload", UriKind.Relative), null);
        using var wrong = new HttpRequestMessage(HttpMethod.Post, "/admin/rm/reload") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "guess") } };
        using var wrongAnswer = await client.SendAsync(wrong);
        using var right = new HttpRequestMessage(HttpMethod.Post, "/admin/rm/reload") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "admin-token") } };
        using var rightAnswer = await client.SendAsync(right);

        Assert.Equal(HttpStatusCode.NotFound, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, wrongAnswer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, rightAnswer.StatusCode);
    }

    private static async Task<JsonNode> ReloadAsync(HttpClient client)
    {
        using var response = await client.PostAsync(new Uri("/admin/rm/reload", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static byte[] Model(int seed)
    {
        var random = new Random(seed);
        var weights = Enumerable.Range(0, CritiqueFeatureExtractor.Dimension).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        return OnnxModelWriter.WriteLinear(weights, 0, RewardModelContract.SchemaMetadata(CritiqueFeatureExtractor.Schema));
    }
}
