using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ReviewBot.Ranking.Features;
using ReviewBot.Ranking.Onnx;

namespace ReviewBot.Ranking.Scoring;

/// <summary><c>rm info</c>: what a model file says about itself, and whether this build of ReviewBot can use it.</summary>
public static class RewardModelInfo
{
    /// <summary>The description, or an error message (first) when the file cannot be read or parsed.</summary>
    public static (string? Text, string? Error) Describe(string path, OnnxRuntime? runtime = null)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return (null, $"'{path}' could not be read: {ex.Message}");
        }

        OnnxSession session;
        try
        {
            session = OnnxSession.Create(runtime ?? OnnxRuntime.Shared, bytes);
        }
        catch (OnnxRuntimeUnavailableException ex)
        {
            return (null, ex.Message);
        }
        catch (OnnxRuntimeException ex)
        {
            return (null, $"'{path}' is not a loadable ONNX model: {ex.Message}");
        }

        using (session)
        {
            var c = CultureInfo.InvariantCulture;
            var text = new StringBuilder();
            var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
            text.AppendLine(c, $"file:        {Path.GetFullPath(path)} ({bytes.Length} bytes)");
            text.AppendLine(c, $"version:     onnx:{sha[..12]} (sha256 {sha})");
            text.AppendLine(c, $"producer:    {session.Model.ProducerName}; graph {session.Model.GraphName}; runtime ONNX Runtime {session.Runtime.Version}");
            foreach (var input in session.Inputs)
            {
                text.AppendLine(c, $"input:       {input}");
            }

            foreach (var output in session.Outputs)
            {
                text.AppendLine(c, $"output:      {output}");
            }

            text.AppendLine("metadata:");
            foreach (var (key, value) in session.Model.CustomMetadata)
            {
                text.AppendLine(c, $"  {key} = {value}");
            }

            var (problems, _) = RewardModelContract.Check(session, CritiqueFeatureExtractor.Schema);
            text.AppendLine(problems.Count == 0
                ? string.Create(c, $"usable:      yes, with {CritiqueFeatureExtractor.Schema}")
                : string.Create(c, $"usable:      no: {string.Join("; ", problems)}"));
            return (text.ToString(), null);
        }
    }
}
