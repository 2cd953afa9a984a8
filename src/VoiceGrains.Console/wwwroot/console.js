// The console's few browser-side helpers, called through Blazor's JS interop.
window.voiceGrains = {
    // Plays a recording from a moment (seconds), e.g. where a turn began.
    seek(id, seconds) {
        const audio = document.getElementById(id);
        if (audio) {
            audio.currentTime = seconds;
            audio.play();
        }
    },

    // Hears a call in progress: the listen-in socket sends a kind byte (0 caller, 1 agent, 2 agent audio cleared,
    // 3 call ended) then 8 kHz G.711 μ-law. Each voice is queued on its own timeline, played through one AudioContext.
    listen(url, statusId) {
        this.stopListening();
        const status = document.getElementById(statusId);
        const context = new AudioContext({ sampleRate: 8000 });
        const socket = new WebSocket(url);
        socket.binaryType = 'arraybuffer';
        const next = [0, 0];
        const agentSources = new Set();
        let received = 0;
        const say = text => { if (status) { status.textContent = text; status.dataset.received = received; } };
        say('Connecting…');
        socket.onmessage = event => {
            const bytes = new Uint8Array(event.data);
            const kind = bytes[0];
            if (kind === 2) {
                agentSources.forEach(source => source.stop());
                agentSources.clear();
                next[1] = 0;
                return;
            }
            if (kind === 3) {
                say('The call has ended.');
                return;
            }
            const samples = new Float32Array(bytes.length - 1);
            for (let i = 1; i < bytes.length; i++) {
                samples[i - 1] = voiceGrains.muLaw(bytes[i]);
            }
            const buffer = context.createBuffer(1, samples.length, 8000);
            buffer.copyToChannel(samples, 0);
            const source = context.createBufferSource();
            source.buffer = buffer;
            source.connect(context.destination);
            // A little ahead of now, so frames that arrive unevenly still play back to back.
            const start = Math.max(context.currentTime + 0.08, next[kind]);
            source.start(start);
            next[kind] = start + buffer.duration;
            if (kind === 1) {
                agentSources.add(source);
                source.onended = () => agentSources.delete(source);
            }
            received += samples.length;
            say(`Listening: ${(received / 8000).toFixed(1)} s heard`);
        };
        socket.onclose = () => { if (status && !status.textContent.startsWith('The call')) { say('Not listening.'); } };
        this.listening = { socket, context };
    },

    stopListening() {
        if (this.listening) {
            this.listening.socket.close();
            this.listening.context.close();
            this.listening = null;
        }
    },

    // G.711 μ-law to a sample in -1..1 (ITU-T G.711: inverted bits, sign, 3-bit exponent, 4-bit mantissa, bias 0x84).
    muLaw(byte) {
        const u = ~byte & 0xff;
        const magnitude = (((u & 0x0f) << 3) + 0x84) << ((u & 0x70) >> 4);
        return ((u & 0x80) ? 0x84 - magnitude : magnitude - 0x84) / 32768;
    },
};
