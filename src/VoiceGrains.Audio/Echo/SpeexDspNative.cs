using System.Runtime.InteropServices;

namespace VoiceGrains.Audio.Echo;

/// <summary>
/// The entry points of SpeexDSP's echo canceller and preprocessor (Debian's libspeexdsp1, SpeexDSP 1.2) that
/// <see cref="EchoCanceller"/> needs, declared from speex_echo.h and speex_preprocess.h. No maintained .NET binding
/// of the library is published; SpeexDSP is the established open-source canceller (used by PulseAudio's and
/// PJSIP's echo cancellation), so it is called directly rather than an adaptive filter written here.
/// </summary>
static unsafe partial class SpeexDspNative
{
    const string Library = "libspeexdsp.so.1";

    public const int EchoSetSamplingRate = 24;
    public const int PreprocessSetEchoState = 24;

    [LibraryImport(Library, EntryPoint = "speex_echo_state_init")]
    public static partial nint EchoStateInit(int frameSize, int filterLength);

    [LibraryImport(Library, EntryPoint = "speex_echo_state_destroy")]
    public static partial void EchoStateDestroy(nint state);

    [LibraryImport(Library, EntryPoint = "speex_echo_cancellation")]
    public static partial void EchoCancellation(nint state, short* recorded, short* played, short* output);

    [LibraryImport(Library, EntryPoint = "speex_echo_ctl")]
    public static partial int EchoControl(nint state, int request, void* value);

    [LibraryImport(Library, EntryPoint = "speex_preprocess_state_init")]
    public static partial nint PreprocessStateInit(int frameSize, int sampleRate);

    [LibraryImport(Library, EntryPoint = "speex_preprocess_state_destroy")]
    public static partial void PreprocessStateDestroy(nint state);

    [LibraryImport(Library, EntryPoint = "speex_preprocess_run")]
    public static partial int PreprocessRun(nint state, short* samples);

    [LibraryImport(Library, EntryPoint = "speex_preprocess_ctl")]
    public static partial int PreprocessControl(nint state, int request, void* value);
}
