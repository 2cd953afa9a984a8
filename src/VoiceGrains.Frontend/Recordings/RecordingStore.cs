using Microsoft.Extensions.Options;
using VoiceGrains.Audio;
using VoiceGrains.Contracts.Calls;

namespace VoiceGrains.Frontend.Recordings;

/// <summary>
/// The recordings folder: one mixed WAV per call ("{callSid}.wav") with the caller's leg beside it. Recordings are
/// callers' voices: the folder is made readable by the front end's user alone (0700) and every file in it 0600, the
/// scratch files of recordings in progress included.
/// </summary>
public sealed class RecordingStore(IOptions<RecordingOptions> options, IHostEnvironment environment, TimeProvider time)
{
    const UnixFileMode PrivateFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public string Folder { get; } = Path.GetFullPath(options.Value.Directory, environment.ContentRootPath);

    /// <summary>A new recording whose scratch files live in the (private) recordings folder.</summary>
    public CallRecording Begin() => new(EnsureFolder());

    /// <summary>
    /// Writes the call's recording and returns the mixed file's path. A call whose stream moved to another front end
    /// has a recording per stream: each one saved after the first is added to the end of the call's files (written
    /// beside them, then moved over them, so a failure leaves the earlier part as it was).
    /// </summary>
    public string Save(string callSid, CallRecording recording)
    {
        ArgumentNullException.ThrowIfNull(recording);
        if (!CallSids.IsValid(callSid))
        {
            throw new ArgumentException($"'{callSid}' is not a call sid.", nameof(callSid));
        }
        var folder = EnsureFolder();
        var mixed = Path.Combine(folder, $"{callSid}.wav");
        var caller = Path.Combine(folder, $"{callSid}-caller.wav");
        if (!File.Exists(mixed) || !File.Exists(caller))
        {
            using var mixedFile = Create(mixed);
            using var callerFile = Create(caller);
            recording.Write(mixedFile, callerFile);
            return mixed;
        }
        var (mixedNext, callerNext) = (mixed + ".next", caller + ".next");
        try
        {
            using var mixedFile = Create(mixedNext);
            using var callerFile = Create(callerNext);
            using var earlierMixed = File.OpenRead(mixed);
            using var earlierCaller = File.OpenRead(caller);
            recording.Write(mixedFile, callerFile, (earlierMixed, earlierCaller));
        }
        catch
        {
            File.Delete(mixedNext);
            File.Delete(callerNext);
            throw;
        }
        File.Move(mixedNext, mixed, overwrite: true);
        File.Move(callerNext, caller, overwrite: true);
        return mixed;
    }

    /// <summary>Deletes the recordings older than the retention period; returns how many files went.</summary>
    public int DeleteExpired()
    {
        var days = options.Value.RetentionDays;
        if (days <= 0 || !Directory.Exists(Folder))
        {
            return 0;
        }
        var cutoff = time.GetUtcNow().UtcDateTime - TimeSpan.FromDays(days);
        var expired = new DirectoryInfo(Folder).EnumerateFiles("*.wav").Where(f => f.LastWriteTimeUtc < cutoff).ToList();
        foreach (var file in expired)
        {
            file.Delete();
        }
        return expired.Count;
    }

    string EnsureFolder()
    {
        if (OperatingSystem.IsWindows())
        {
            return Directory.CreateDirectory(Folder).FullName;
        }
        Directory.CreateDirectory(Folder, PrivateFolder);
        // A folder that existed before (an older version made it world-readable) is closed up too.
        File.SetUnixFileMode(Folder, PrivateFolder);
        return Folder;
    }

    static FileStream Create(string path) => PrivateFile.Open(path, FileMode.Create, FileAccess.Write);
}
