using System.Text;

namespace ReviewBot.Core.Tests.Security;

/// <summary>
/// Secret-shaped values built at run time from a seeded generator, so that no real-looking secret literal sits in
/// the repository (and secret scanners stay quiet); each is recognisably fake once printed.
/// </summary>
internal static class FakeSecrets
{
    private const string Alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static string Random(string alphabet, int length, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            text.Append(alphabet[random.Next(alphabet.Length)]);
        }

        return text.ToString();
    }

    public static string GitHubToken(int seed = 1) => "gh" + "p_" + Random(Alnum, 36, seed);

    public static string GitHubFineGrained(int seed = 2) => "github" + "_pat_" + Random(Alnum, 22, seed) + "_" + Random(Alnum, 59, seed + 1);

    public static string AwsAccessKey(int seed = 3) => "AK" + "IA" + Random(Upper, 16, seed);

    public static string AwsSecretKey(int seed = 4) => Random(Alnum + "/+", 40, seed);

    public static string GoogleApiKey(int seed = 5) => "AI" + "za" + Random(Alnum + "_-", 35, seed);

    public static string SlackToken(int seed = 6) => "xo" + "xb-" + Random("0123456789", 12, seed) + "-" + Random(Alnum, 24, seed + 1);

    public static string StripeKey(int seed = 7) => "sk" + "_live_" + Random(Alnum, 24, seed);

    public static string Jwt(int seed = 8) => "ey" + "J" + Random(Alnum, 20, seed) + ".ey" + "J" + Random(Alnum, 40, seed + 1) + "." + Random(Alnum + "_-", 43, seed + 2);

    public static string HighEntropy(int seed = 9, int length = 32) => Random(Alnum, length, seed);

    public static string PrivateKeyBlock(int seed = 10, string linePrefix = "")
    {
        var text = new StringBuilder();
        text.Append(linePrefix).Append("-----BEGIN ").Append("RSA PRIVATE KEY-----\n");
        for (var i = 0; i < 4; i++)
        {
            text.Append(linePrefix).Append(Random(Alnum + "+/", 64, seed + i)).Append('\n');
        }

        text.Append(linePrefix).Append("-----END ").Append("RSA PRIVATE KEY-----");
        return text.ToString();
    }
}
