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
        Assert.Contains(model.Sha256!, error.Message, StringComparison.Ordinal);
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
        Assert.Equal(ModelCatalog.All.Count + 3, TestModels.Catalog.Count);
        Assert.Throws<UnknownModelException>(() => ModelCatalog.Get("piper:test-stub"));
    }

    [Fact]
    public void EveryPiperVoiceOfTheCatalogueIsPinnedWithItsConfigBySizeAndMd5()
    {
        var voice = ModelCatalog.Get("piper:en_US-lessac-medium");
        var config = ModelCatalog.Get(Assert.Single(voice.With));

        // Piper's catalogue (rhasspy/piper src/python_run/piper/voices.json) lists these for en_US-lessac-medium.
        Assert.Equal((63_201_294, "2fc642b535197b6305c7c8f92dc8b24f", (string?)null), (voice.Bytes, voice.Md5, voice.Sha256));
        Assert.Equal(new Uri("https://huggingface.co/rhasspy/piper-voices/resolve/v1.0.0/en/en_US/lessac/medium/en_US-lessac-medium.onnx"), voice.Url);
        Assert.Equal(("en_US-lessac-medium.onnx.json", 7010, "46e565a656f76b42b588d822025ed439"), (config.File, config.Bytes, config.Md5));
        Assert.Equal("piper/en_US-lessac-medium.onnx", voice.MirrorPath);
        Assert.Equal(97, ModelCatalog.All.Count(m => m.Kind == "tts"));
    }

    [Fact]
    public async Task AFilePinnedByMd5IsVerifiedByItFromItsPlaceInTheMirror()
    {
        var mirror = Folder("mirror");
        Directory.CreateDirectory(Path.Combine(mirror, "piper"));
        await File.WriteAllBytesAsync(Path.Combine(mirror, "piper", "voice.onnx"), content);
        var store = new ModelStore(Folder("cache"));
        var model = new ModelEntry("piper:voice", "tts", "voice.onnx", content.Length, null, null, "MIT", "a voice", false)
        {
            Md5 = Md5(content),
            MirrorPath = "piper/voice.onnx",
        };
        var tampered = model with { Md5 = Md5(content[1..]) };
        using var http = new HttpClient();

        var outcome = await new ModelFetcher(store, http).FetchAsync(model, mirror, null, default);
        await store.VerifyAsync(model, default);
        var refused = await Assert.ThrowsAsync<ModelVerificationException>(() => store.VerifyAsync(tampered, default));

        Assert.Equal(FetchOutcome.CopiedFromMirror, outcome);
        Assert.Contains($"md5 {model.Md5}, pinned {tampered.Md5}", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFileWithNoUrlThatTheMirrorLacksIsRefusedSayingSo()
    {
        var store = new ModelStore(Folder("cache"));
        var model = new ModelEntry("stub", "tts-test-stub", "stub.onnx", content.Length, Convert.ToHexStringLower(SHA256.HashData(content)), null, "MIT", "a stub", false);
        using var http = new HttpClient();

        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => new ModelFetcher(store, http).FetchAsync(model, Folder("empty-mirror"), null, default));

        Assert.Contains("stub.onnx has no download URL and is not in the mirror folder", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The hash Piper's catalogue pins its voices with (the only one it publishes).</summary>
    static string Md5(byte[] bytes)
    {
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        md5.AppendData(bytes);
        return Convert.ToHexStringLower(md5.GetHashAndReset());
    }

    /// <summary>Progress<T> posts to the thread pool; tests need the reports in order, at once.</summary>
    sealed class SyncProgress(Action<FetchProgress> report) : IProgress<FetchProgress>
    {
        public void Report(FetchProgress value) => report(value);
    }
}
