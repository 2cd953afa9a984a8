using Microsoft.Extensions.Options;
using VoiceGrains.Audio;

namespace VoiceGrains.Frontend.Recordings;

/// <summary>The recordings folder: one mixed WAV per call ("{callSid}.wav") with the caller's leg beside it.</summary>
public sealed class RecordingStore(IOptions<RecordingOptions> options, IHostEnvironment environment, TimeProvider time)
{
    public string Folder { get; } = Path.GetFullPath(options.Value.Directory, environment.ContentRootPath);

    /// <summary>Writes the call's recording and returns the mixed file's path.</summary>
    public string Save(string callSid, CallRecording recording)
    {
        ArgumentNullException.ThrowIfNull(recording);
        if (callSid.Any(c => !char.IsAsciiLetterOrDigit(c)))
        {
            throw new ArgumentException($"'{callSid}' is not a call sid.", nameof(callSid));
        }
        Directory.CreateDirectory(Folder);
        var mixed = Path.Combine(Folder, $"{callSid}.wav");
        recording.Write(mixed, Path.Combine(Folder, $"{callSid}-caller.wav"));
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
}
