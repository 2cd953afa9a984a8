using System.Buffers.Binary;
using NAudio.Utils;
using NAudio.Wave;

namespace VoiceGrains.Audio;

/// <summary>
/// Both directions of one call at 8 kHz, time-aligned: the caller's audio is placed by the carrier's timestamp
/// (milliseconds since the stream started), the agent's at the moment it was sent but never before the end of
/// the agent's previous audio, which plays back to back. Written as one mixed WAV and the caller's leg alone.
/// <para>
/// Each direction goes to a scratch file of 16-bit samples as it arrives (created private, deleted when the recording
/// is disposed), and the WAVs are written from those files a block at a time: memory stays a few kilobytes however
/// long the call. Held in memory, one message whose timestamp claimed two hours made two 115 MB arrays. A sample
/// index past <see cref="MaxDuration"/> is not recorded. Not thread-safe: one media session writes it.
/// </para>
/// </summary>
public sealed class CallRecording(string scratchFolder) : IDisposable
{
    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(2);

    static readonly long MaxSamples = (long)MaxDuration.TotalSeconds * Frames.TelephonyRate;
    const int BlockSamples = 8 * 1024;

    readonly Track caller = new(scratchFolder, "caller");
    readonly Track agent = new(scratchFolder, "agent");

    public bool IsEmpty => caller.Length == 0 && agent.Length == 0;

    public TimeSpan Duration => TimeSpan.FromSeconds((double)Math.Max(caller.Length, agent.Length) / Frames.TelephonyRate);

    public void AddCaller(long timestampMs, ReadOnlySpan<byte> muLaw) =>
        caller.Place(timestampMs * Frames.TelephonyRate / 1000, muLaw);

    public void AddAgent(TimeSpan sinceStart, ReadOnlySpan<byte> muLaw) =>
        agent.Place(Math.Max((long)(sinceStart.TotalSeconds * Frames.TelephonyRate), agent.Length), muLaw);

    /// <summary>
    /// Writes the mix of both directions to <paramref name="mixed"/> and the caller alone to <paramref name="callerOnly"/>
    /// (16-bit PCM WAV); the streams are left open. With <paramref name="earlier"/> (the same call's recording from a
    /// stream this one replaced, in the same two forms) each file is that one followed by this one.
    /// </summary>
    /// <exception cref="InvalidDataException">An earlier recording that is not 8 kHz 16-bit mono WAV.</exception>
    public void Write(Stream mixed, Stream callerOnly, (Stream Mixed, Stream CallerOnly)? earlier = null)
    {
        var format = new WaveFormat(Frames.TelephonyRate, 16, 1);
        using var mixedWriter = new WaveFileWriter(new IgnoreDisposeStream(mixed), format);
        using var callerWriter = new WaveFileWriter(new IgnoreDisposeStream(callerOnly), format);
        if (earlier is var (earlierMixed, earlierCaller))
        {
            CopySamples(earlierMixed, mixedWriter, format);
            CopySamples(earlierCaller, callerWriter, format);
        }
        var length = Math.Max(caller.Length, agent.Length);
        var heard = new short[BlockSamples];
        var said = new short[BlockSamples];
        var mixBytes = new byte[BlockSamples * 2];
        var callerBytes = new byte[BlockSamples * 2];
        for (long start = 0; start < length; start += BlockSamples)
        {
            var count = (int)Math.Min(BlockSamples, length - start);
            caller.Read(start, heard.AsSpan(0, count));
            agent.Read(start, said.AsSpan(0, count));
            for (var i = 0; i < count; i++)
            {
                BinaryPrimitives.WriteInt16LittleEndian(callerBytes.AsSpan(i * 2), heard[i]);
                BinaryPrimitives.WriteInt16LittleEndian(mixBytes.AsSpan(i * 2), (short)Math.Clamp(heard[i] + said[i], short.MinValue, short.MaxValue));
            }
            mixedWriter.Write(mixBytes, 0, count * 2);
            callerWriter.Write(callerBytes, 0, count * 2);
        }
    }

    static void CopySamples(Stream wav, WaveFileWriter to, WaveFormat format)
    {
        using var reader = new WaveFileReader(new IgnoreDisposeStream(wav));
        if (!reader.WaveFormat.Equals(format))
        {
            throw new InvalidDataException($"The earlier recording is {reader.WaveFormat}, not {format}.");
        }
        reader.CopyTo(to);
    }

    public void Dispose()
    {
        caller.Dispose();
        agent.Dispose();
    }

    /// <summary>One direction's samples in a scratch file, created on the first audio; a gap reads as silence.</summary>
    sealed class Track(string folder, string name) : IDisposable
    {
        FileStream? file;
        byte[] bytes = [];

        public long Length { get; private set; }

        public void Place(long at, ReadOnlySpan<byte> muLaw)
        {
            if (at < 0 || at + muLaw.Length > MaxSamples || muLaw.IsEmpty)
            {
                return;
            }
            file ??= PrivateFile.Open(Path.Combine(folder, $".{Guid.NewGuid():N}.{name}.pcm"), FileMode.CreateNew, FileAccess.ReadWrite, FileOptions.DeleteOnClose);
            if (bytes.Length < muLaw.Length * 2)
            {
                bytes = new byte[muLaw.Length * 2];
            }
            for (var i = 0; i < muLaw.Length; i++)
            {
                BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(i * 2), MuLaw.Decode(muLaw[i]));
            }
            // Writing past the end leaves a hole that reads back as zeros: silence where nothing was heard.
            file.Position = at * 2;
            file.Write(bytes, 0, muLaw.Length * 2);
            Length = Math.Max(Length, at + muLaw.Length);
        }

        public void Read(long start, Span<short> samples)
        {
            samples.Clear();
            if (file is null || start >= Length)
            {
                return;
            }
            if (bytes.Length < samples.Length * 2)
            {
                bytes = new byte[samples.Length * 2];
            }
            file.Position = start * 2;
            var read = file.ReadAtLeast(bytes.AsSpan(0, samples.Length * 2), samples.Length * 2, throwOnEndOfStream: false);
            for (var i = 0; i < read / 2; i++)
            {
                samples[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(i * 2));
            }
        }

        public void Dispose() => file?.Dispose();
    }
}
