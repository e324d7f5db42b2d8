using ReviewBot.Ranking.Onnx;

namespace ReviewBot.Ranking.Tests.Onnx;

public sealed unsafe class OnnxRuntimeTests
{
    [Fact]
    public void Shared_LibraryBesideTests_IsThePinnedVersion()
    {
        var runtime = OnnxRuntime.Shared;

        Assert.Equal("1.30.0", runtime.Version);
        Assert.Same(runtime, OnnxRuntime.Load(OnnxRuntime.DefaultLibraryPath));
    }

    [Fact]
    public void Check_StatusFromCreateStatus_ThrowsWithCodeAndMessage()
    {
        // Exercises slots 0 (CreateStatus), 1 (GetErrorCode), 2 (GetErrorMessage) and 93 (ReleaseStatus) together.
        var api = OnnxRuntime.Shared.Api;
        nint status;
        fixed (byte* message = "slot check ✓\0"u8)
        {
            status = api.CreateStatus((int)OrtErrorCode.NoSuchFile, message);
        }

        var ex = Assert.Throws<OnnxRuntimeException>(() => api.Check(status));

        Assert.Equal(OrtErrorCode.NoSuchFile, ex.Code);
        Assert.Equal("slot check ✓", ex.OrtMessage);
    }

    [Fact]
    public void Load_MissingLibrary_SaysWhereAndHowToGetIt()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-dir-" + Guid.NewGuid().ToString("N"), "libonnxruntime.so.1");

        var ex = Assert.Throws<OnnxRuntimeUnavailableException>(() => OnnxRuntime.Load(path));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("onnxruntime-node@1.30.0", ex.Message, StringComparison.Ordinal);
        Assert.Contains("npm", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FileThatIsNotALibrary_SaysItCouldNotBeLoaded()
    {
        var path = Path.Combine(Path.GetTempPath(), "not-a-library-" + Guid.NewGuid().ToString("N") + ".so");
        File.WriteAllText(path, "this is text");
        try
        {
            var ex = Assert.Throws<OnnxRuntimeUnavailableException>(() => OnnxRuntime.Load(path));

            Assert.Contains("could not be loaded", ex.Message, StringComparison.Ordinal);
            Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
