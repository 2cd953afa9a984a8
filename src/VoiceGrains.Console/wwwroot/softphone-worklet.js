// The softphone's microphone, in the audio thread: the AudioContext runs at 8 kHz, so Web Audio has already resampled
// the microphone; this only cuts 20 ms frames (160 samples) and encodes them as G.711 μ-law, the telephone line's
// format, posting each frame and its level (RMS) to the page.
class MuLawFrames extends AudioWorkletProcessor {
    constructor() {
        super();
        this.frame = new Uint8Array(160);
        this.filled = 0;
        this.energy = 0;
    }

    process(inputs) {
        const samples = inputs[0] && inputs[0][0];
        if (samples) {
            for (let i = 0; i < samples.length; i++) {
                const s = Math.max(-1, Math.min(1, samples[i]));
                this.energy += s * s;
                this.frame[this.filled++] = MuLawFrames.encode(s);
                if (this.filled === 160) {
                    this.port.postMessage({ frame: this.frame.slice(), level: Math.sqrt(this.energy / 160) });
                    this.filled = 0;
                    this.energy = 0;
                }
            }
        }
        return true;
    }

    // G.711 μ-law (ITU-T G.711): 14-bit magnitude plus bias 0x84, a 3-bit segment and 4-bit step, all bits inverted.
    static encode(sample) {
        let value = Math.round(sample * 32767);
        const sign = value < 0 ? 0x80 : 0;
        value = Math.min(Math.abs(value), 32635) + 0x84;
        let exponent = 7;
        for (let mask = 0x4000; (value & mask) === 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        const mantissa = (value >> (exponent + 3)) & 0x0f;
        return ~(sign | (exponent << 4) | mantissa) & 0xff;
    }
}

registerProcessor('mulaw-frames', MuLawFrames);
