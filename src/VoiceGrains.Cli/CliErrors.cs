using VoiceGrains.Audio;
using VoiceGrains.Speech.Inference;
using VoiceGrains.Speech.Models;
using VoiceGrains.Speech.Tts.Piper;

namespace VoiceGrains.Cli;

/// <summary>Turns the errors a user can fix (bad audio, missing model) into one line and exit code 2, never a stack trace.</summary>
static class CliErrors
{
    public static int Run(Func<int> command) => RunAsync(() => Task.FromResult(command())).GetAwaiter().GetResult();

    public static async Task<int> RunAsync(Func<Task<int>> command)
    {
        try
        {
            return await command();
        }
        catch (Exception e) when (e is AudioFormatException or ModelNotInstalledException or UnknownModelException
                                      or ModelVerificationException or TimeoutException or InferenceQueueFullException
                                      or ArgumentException or IOException or UnauthorizedAccessException or PiperVoiceException)
        {
            await Console.Error.WriteLineAsync($"voicegrains: {e.Message}");
            return 2;
        }
    }
}
