using System.Security.Cryptography;

namespace VoiceGrains.Speech.Models;

/// <summary>
/// Installs pinned model files: from a mirror folder when it holds the file, else from the official URL.
/// Bytes go to a temporary file beside the target while their pinned hash is computed; only a file whose size
/// and hash match the pin is renamed into place, so a half-copied or tampered file is never used. Entries installed
/// with it (<see cref="ModelEntry.With"/>) are the caller's to fetch: the command line fetches them in turn.
/// </summary>
public sealed class ModelFetcher(ModelStore store, HttpClient http)
{
    const int BufferSize = 1 << 20;

    public async Task<FetchOutcome> FetchAsync(ModelEntry model, string? mirror, IProgress<FetchProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        Directory.CreateDirectory(store.Directory);
        var target = store.PathOf(model);
        if (store.IsInstalled(model))
        {
            try
            {
                await store.VerifyAsync(model, cancellationToken);
                return FetchOutcome.AlreadyInstalled;
            }
            catch (ModelVerificationException)
            {
                // A damaged copy is replaced below.
            }
        }

        var mirrored = mirror is null ? null : Path.Combine(mirror, model.MirrorPath ?? model.File);
        var fromMirror = mirrored is not null && File.Exists(mirrored);
        if (!fromMirror && model.Url is null)
        {
            throw new FileNotFoundException(
                $"{model.File} has no download URL and is not in the mirror folder ({mirrored ?? "none given: set VOICEGRAINS_MODEL_MIRROR"}).");
        }
        var temporary = $"{target}.partial-{Guid.NewGuid():N}";
        try
        {
            await using (var source = fromMirror ? File.OpenRead(mirrored!) : await OpenDownloadAsync(model, cancellationToken))
            await using (var destination = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true))
            {
                var sourceName = fromMirror ? mirrored! : model.Url!.ToString();
                var hash = await CopyHashingAsync(model, source, destination, sourceName, progress, cancellationToken);
                CheckHash(model, sourceName, hash);
            }
            File.Move(temporary, target, overwrite: true);
            return fromMirror ? FetchOutcome.CopiedFromMirror : FetchOutcome.Downloaded;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    internal static void CheckHash(ModelEntry model, string source, string actual)
    {
        var (algorithm, pinned) = model.Pin;
        if (!string.Equals(actual, pinned, StringComparison.OrdinalIgnoreCase))
        {
            throw new ModelVerificationException(
                $"{model.File} from {source} failed verification: {algorithm.Name!.ToLowerInvariant()} {actual}, pinned {pinned}. The file was not installed.");
        }
    }

    /// <summary>A hash of the pin's algorithm. MD5 only where the publisher lists nothing stronger (Piper's voices).</summary>
    internal static IncrementalHash PinHash(ModelEntry model) => IncrementalHash.CreateHash(model.Pin.Algorithm);

    async Task<Stream> OpenDownloadAsync(ModelEntry model, CancellationToken cancellationToken)
    {
        var response = await http.GetAsync(model.Url!, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStreamAsync(cancellationToken);
    }

    static async Task<string> CopyHashingAsync(ModelEntry model, Stream source, Stream destination, string sourceName,
        IProgress<FetchProgress>? progress, CancellationToken cancellationToken)
    {
        using var sha = PinHash(model);
        var buffer = new byte[BufferSize];
        long done = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            done += read;
            if (done > model.Bytes)
            {
                throw new ModelVerificationException(
                    $"{model.File} from {sourceName} failed verification: more than the pinned {model.Bytes} bytes. The file was not installed.");
            }
            sha.AppendData(buffer, 0, read);
            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            progress?.Report(new FetchProgress(model, done, sourceName));
        }
        if (done != model.Bytes)
        {
            throw new ModelVerificationException(
                $"{model.File} from {sourceName} failed verification: {done} bytes, pinned {model.Bytes}. The file was not installed.");
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
