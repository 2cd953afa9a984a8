using Microsoft.ML.OnnxRuntime;

namespace VoiceGrains.Speech.Vad;

/// <summary>
/// The Silero VAD ONNX model, loaded once per process and shared by every call's <see cref="VadStream"/>
/// (an InferenceSession runs concurrent requests safely). Each run scores one window of 32 ms.
/// </summary>
public sealed class SileroVadModel : IDisposable
{
    /// <summary>The recurrent state: float [2, 1, 128], carried from one window to the next by each stream.</summary>
    public const int StateLength = 2 * 1 * 128;

    static readonly long[] StateShape = [2, 1, 128];
    static readonly long[] ScalarShape = [];

    readonly InferenceSession session;
    readonly RunOptions runOptions = new();
    readonly string[] outputNames;

    public SileroVadModel(string path)
    {
        // One thread per window: a window is ~0.3 ms of work, and parallelism belongs across calls, not inside one.
        using var options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        session = new InferenceSession(path, options);
        outputNames = ["output", "stateN"];
    }

    /// <summary>Speech probability of the window at the end of <paramref name="input"/> (context samples in front); updates <paramref name="state"/>.</summary>
    public float Score(float[] input, float[] state, long[] sampleRate)
    {
        using var inputValue = OrtValue.CreateTensorValueFromMemory(input, [1, input.Length]);
        using var stateValue = OrtValue.CreateTensorValueFromMemory(state, StateShape);
        using var rateValue = OrtValue.CreateTensorValueFromMemory(sampleRate, ScalarShape);
        var inputs = new Dictionary<string, OrtValue>(3)
        {
            ["input"] = inputValue,
            ["state"] = stateValue,
            ["sr"] = rateValue,
        };
        using var outputs = session.Run(runOptions, inputs, outputNames);
        outputs[1].GetTensorDataAsSpan<float>().CopyTo(state);
        return outputs[0].GetTensorDataAsSpan<float>()[0];
    }

    public void Dispose()
    {
        runOptions.Dispose();
        session.Dispose();
    }
}
