using System.Net;
using System.Security.Cryptography;
using VoiceGrains.Speech.Models;

namespace VoiceGrains.Speech.Tests;

public sealed class ModelFetcherTests : IDisposable
{
    readonly string root = Directory.CreateTempSubdirectory("voicegrains-models").FullName;
    readonly byte[] content = RandomNumberGenerator.GetBytes(300_000);

    public void Dispose() => Directory.Delete(root, recursive: true);

    ModelEntry Pinned(Uri url) => new("test-model", "vad", "test-model.onnx", content.Length,
        Convert.ToHexStringLower(SHA256.HashData(content)), url, "MIT", "a test file", Default: false);

    string Folder(string name) => Directory.CreateDirectory(Path.Combine(root, name)).FullName;

    [Fact]
    public async Task AMirrorCopyIsVerifiedAndInstalledThenFoundInstalled()
    {
        var mirror = Folder("mirror");
        await File.WriteAllBytesAsync(Path.Combine(mirror, "test-model.onnx"), content);
        var store = new ModelStore(Folder("cache"));
        var model = Pinned(new Uri("http://127.0.0.1:9/never-used"));
        using var http = new HttpClient();
        var progress = new List<long>();

        var first = await new ModelFetcher(store, http).FetchAsync(model, mirror, new SyncProgress(p => progress.Add(p.BytesDone)), default);
        var second = await new ModelFetcher(store, http).FetchAsync(model, mirror, null, default);

        Assert.Equal(FetchOutcome.CopiedFromMirror, first);
        Assert.Equal(FetchOutcome.AlreadyInstalled, second);
        Assert.Equal(content, await File.ReadAllBytesAsync(store.PathOf(model)));
        Assert.Equal(content.Length, progress[^1]);
        Assert.Single(Directory.GetFiles(store.Directory));
    }

    [Fact]
    public async Task ATamperedCopyIsRefusedNamingTheFileAndBothHashesAndLeavesNothingBehind()
    {
        var mirror = Folder("mirror");
        var tampered = (byte[])content.Clone();
        tampered[1234] ^= 0xFF;
        await File.WriteAllBytesAsync(Path.Combine(mirror, "test-model.onnx"), tampered);
        var store = new ModelStore(Folder("cache"));
        var model = Pinned(new Uri("http://127.0.0.1:9/never-used"));
        using var http = new HttpClient();

        var error = await Assert.ThrowsAsync<ModelVerificationException>(() => new ModelFetcher(store, http).FetchAsync(model, mirror, null, default));

        Assert.Contains("test-model.onnx", error.Message, StringComparison.Ordinal);
        Assert.Contains(model.Sha256, error.Message, StringComparison.Ordinal);
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(tampered)), error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(store.Directory));
    }

    [Fact]
    public async Task WithoutAMirrorCopyTheFileIsDownloadedFromItsUrl()
    {
        using var server = new HttpListener();
        var port = FreePort.Next();
        server.Prefixes.Add($"http://127.0.0.1:{port}/");
        server.Start();
        var serving = Task.Run(async () =>
        {
            var context = await server.GetContextAsync();
            context.Response.ContentLength64 = content.Length;
            await context.Response.OutputStream.WriteAsync(content);
            context.Response.Close();
        });
        var store = new ModelStore(Folder("cache"));
        var model = Pinned(new Uri($"http://127.0.0.1:{port}/models/test-model.onnx"));
        using var http = new HttpClient();

        var outcome = await new ModelFetcher(store, http).FetchAsync(model, Folder("empty-mirror"), null, default);
        await serving;

        Assert.Equal(FetchOutcome.Downloaded, outcome);
        Assert.Equal(content, await File.ReadAllBytesAsync(store.PathOf(model)));
    }

    [Fact]
    public async Task AShortFileIsRefused()
    {
        var mirror = Folder("mirror");
        await File.WriteAllBytesAsync(Path.Combine(mirror, "test-model.onnx"), content[..1000]);
        var store = new ModelStore(Folder("cache"));
        using var http = new HttpClient();

        var error = await Assert.ThrowsAsync<ModelVerificationException>(() =>
            new ModelFetcher(store, http).FetchAsync(Pinned(new Uri("http://127.0.0.1:9/")), mirror, null, default));

        Assert.Contains("1000 bytes, pinned 300000", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(store.Directory));
    }

    [Fact]
    public void TheCatalogPinsTheModelsThisWorkplaceVerified()
    {
        var silero = ModelCatalog.Get("silero-vad");

        Assert.Equal("1a153a22f4509e292a94e67d6f9b85e8deb25b4988682b7e174c65279d8788e3", silero.Sha256);
        Assert.Equal(2327524, silero.Bytes);
        Assert.Contains(ModelCatalog.All, m => m.Kind == "stt" && m.Name == "whisper-base.en");
        Assert.Throws<UnknownModelException>(() => ModelCatalog.Get("whisper-huge"));
    }

    [Fact]
    public void TheTestStubIsPinnedOnlyInTheTestCatalog()
    {
        Assert.DoesNotContain(ModelCatalog.All, m => m.Kind.Contains("stub", StringComparison.Ordinal));
        Assert.Throws<UnknownModelException>(() => ModelCatalog.Get("whisper-test-stub.en"));
        Assert.Equal("stt-test-stub", TestModels.Get("whisper-test-stub.en").Kind);
        Assert.Equal(ModelCatalog.All.Count + 1, TestModels.Catalog.Count);
    }

    /// <summary>Progress<T> posts to the thread pool; tests need the reports in order, at once.</summary>
    sealed class SyncProgress(Action<FetchProgress> report) : IProgress<FetchProgress>
    {
        public void Report(FetchProgress value) => report(value);
    }
}
