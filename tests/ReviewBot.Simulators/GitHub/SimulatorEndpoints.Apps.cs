using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReviewBot.Simulators.GitHub;

internal static partial class SimulatorEndpoints
{
    private static async Task<IResult> CreateCheckRunAsync(GitHubSimulator sim, HttpContext http, string owner, string repo)
    {
        if (await SimHttp.ReadBodyAsync(http).ConfigureAwait(false) is not JsonObject request)
        {
            return await SimHttp.ErrorAsync(http, 400, "Problems parsing JSON").ConfigureAwait(false);
        }

        if (request["name"]?.GetValue<string>() is not { Length: > 0 } name || request["head_sha"]?.GetValue<string>() is not { Length: > 0 } headSha)
        {
            return await SimHttp.ErrorAsync(http, 422, "Invalid request.\n\n\"name\" and \"head_sha\" are required.").ConfigureAwait(false);
        }

        JsonNode json;
        lock (sim.State.Gate)
        {
            var run = new SimCheckRun { Id = sim.State.NextId(), Repository = sim.State.Repository($"{owner}/{repo}"), Name = name, HeadSha = headSha };
            var error = ApplyCheckRun(run, request);
            if (error is not null)
            {
                json = WireJson.Error(error, 422);
            }
            else
            {
                sim.State.CheckRuns.Add(run);
                json = WireJson.CheckRun(run, SimHttp.BaseUrl(http));
            }
        }

        return await SimHttp.JsonAsync(http, json["message"] is null ? 201 : 422, json).ConfigureAwait(false);
    }

    private static async Task<IResult> UpdateCheckRunAsync(GitHubSimulator sim, HttpContext http, string owner, string repo, long id)
    {
        if (await SimHttp.ReadBodyAsync(http).ConfigureAwait(false) is not JsonObject request)
        {
            return await SimHttp.ErrorAsync(http, 400, "Problems parsing JSON").ConfigureAwait(false);
        }

        JsonNode? json = null;
        lock (sim.State.Gate)
        {
            var run = sim.State.CheckRuns.Find(c => c.Id == id && c.Repository.FullName.Equals($"{owner}/{repo}", StringComparison.OrdinalIgnoreCase));
            if (run is not null)
            {
                var error = ApplyCheckRun(run, request);
                json = error is null ? WireJson.CheckRun(run, SimHttp.BaseUrl(http)) : WireJson.Error(error, 422);
            }
        }

        return json is null ? await SimHttp.NotFoundAsync(http).ConfigureAwait(false)
            : await SimHttp.JsonAsync(http, json["message"] is null ? 200 : 422, json).ConfigureAwait(false);
    }

    private static string? ApplyCheckRun(SimCheckRun run, JsonObject request)
    {
        run.Name = request["name"]?.GetValue<string>() ?? run.Name;
        run.Status = request["status"]?.GetValue<string>() ?? (request["conclusion"] is null ? run.Status : "completed");
        run.Conclusion = request["conclusion"]?.GetValue<string>() ?? run.Conclusion;
        run.ExternalId = request["external_id"]?.GetValue<string>() ?? run.ExternalId;
        run.DetailsUrl = request["details_url"]?.GetValue<string>() ?? run.DetailsUrl;
        run.StartedAt = request["started_at"] is JsonValue started ? DateTimeOffset.Parse(started.GetValue<string>(), CultureInfo.InvariantCulture) : run.StartedAt;
        run.CompletedAt = request["completed_at"] is JsonValue completed ? DateTimeOffset.Parse(completed.GetValue<string>(), CultureInfo.InvariantCulture) : run.CompletedAt;
        if (request["output"] is JsonObject output)
        {
            run.Title = output["title"]?.GetValue<string>() ?? run.Title;
            run.Summary = output["summary"]?.GetValue<string>() ?? run.Summary;
            run.Text = output["text"]?.GetValue<string>() ?? run.Text;
        }

        if (run.Status is not ("queued" or "in_progress" or "completed" or "waiting" or "requested" or "pending"))
        {
            return $"Invalid status '{run.Status}'";
        }

        return run.Status == "completed" && run.Conclusion is null ? "Conclusion is required when status is completed" : null;
    }

    private static async Task<IResult> CreateInstallationTokenAsync(GitHubSimulator sim, HttpContext http, long installationId)
    {
        if (VerifyAppJwt(sim, http) is { } jwtError)
        {
            return await SimHttp.ErrorAsync(http, 401, jwtError).ConfigureAwait(false);
        }

        SimInstallation? installation;
        lock (sim.State.Gate)
        {
            installation = sim.State.Installations.GetValueOrDefault(installationId);
        }

        if (installation is null)
        {
            return await SimHttp.NotFoundAsync(http).ConfigureAwait(false);
        }

        if (installation.Suspended)
        {
            return await SimHttp.ErrorAsync(http, 403, "This installation has been suspended").ConfigureAwait(false);
        }

        var token = new SimToken(GitHubSimulator.NewToken(), installationId, sim.Options.TimeProvider.GetUtcNow() + sim.Options.TokenLifetime);
        lock (sim.State.Gate)
        {
            sim.State.Tokens[token.Value] = token;
        }

        var json = (JsonObject)WireJson.Example("apps-create-installation-access-token.json");
        json["token"] = token.Value;
        json["expires_at"] = WireJson.Iso(token.ExpiresAt);
        json["permissions"] = new JsonObject { ["pull_requests"] = "write", ["contents"] = "read", ["checks"] = "write", ["metadata"] = "read" };
        json.Remove("repositories");
        return await SimHttp.JsonAsync(http, 201, json).ConfigureAwait(false);
    }

    private static async Task<IResult> GetRepositoryInstallationAsync(GitHubSimulator sim, HttpContext http, string owner, string repo)
    {
        if (VerifyAppJwt(sim, http) is { } jwtError)
        {
            return await SimHttp.ErrorAsync(http, 401, jwtError).ConfigureAwait(false);
        }

        SimInstallation? installation;
        lock (sim.State.Gate)
        {
            installation = sim.State.Installations.Values.FirstOrDefault(i => i.Repositories.Contains($"{owner}/{repo}", StringComparer.OrdinalIgnoreCase));
        }

        return installation is null
            ? await SimHttp.NotFoundAsync(http).ConfigureAwait(false)
            : await SimHttp.JsonAsync(http, 200, new JsonObject
            {
                ["id"] = installation.Id,
                ["app_id"] = sim.Options.AppId,
                ["account"] = WireJson.User(owner, "Organization", SimHttp.BaseUrl(http)),
                ["target_type"] = "Organization",
                ["suspended_at"] = installation.Suspended ? WireJson.Iso(sim.Options.TimeProvider.GetUtcNow()) : null,
            }).ConfigureAwait(false);
    }

    /// <summary>GitHub's rules for an App JWT: RS256 signed by the App's key, <c>iat</c> not in the future, <c>exp</c> at most 10 minutes ahead, <c>iss</c> the App.</summary>
    private static string? VerifyAppJwt(GitHubSimulator sim, HttpContext http)
    {
        var authorization = http.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || sim.Options.AppPublicKeyPem is null)
        {
            return "A JSON web token could not be decoded";
        }

        var parts = authorization[7..].Trim().Split('.');
        if (parts.Length != 3)
        {
            return "A JSON web token could not be decoded";
        }

        JsonNode? header, payload;
        byte[] signature;
        try
        {
            header = JsonNode.Parse(Base64Url(parts[0]));
            payload = JsonNode.Parse(Base64Url(parts[1]));
            signature = Base64Url(parts[2]);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return "A JSON web token could not be decoded";
        }

        using var rsa = RSA.Create();
        rsa.ImportFromPem(sim.Options.AppPublicKeyPem);
        if (header?["alg"]?.GetValue<string>() != "RS256" ||
            !rsa.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
        {
            return "A JSON web token could not be decoded";
        }

        var now = sim.Options.TimeProvider.GetUtcNow().ToUnixTimeSeconds();
        if (payload?["iat"] is not JsonValue iatValue || !iatValue.TryGetValue<long>(out var iat) || iat > now + 5)
        {
            return "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued";
        }

        if (payload["exp"] is not JsonValue expValue || !expValue.TryGetValue<long>(out var exp) || exp <= now || exp <= iat)
        {
            return "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires";
        }

        if (exp > now + 600 + 5)
        {
            return "'Expiration time' claim ('exp') is too far in the future";
        }

        var iss = payload["iss"]?.ToString();
        return iss == sim.Options.AppId.ToString(CultureInfo.InvariantCulture) || iss == sim.Options.ClientId ? null : "Integration not found";
    }

    private static byte[] Base64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '='));
    }
}
