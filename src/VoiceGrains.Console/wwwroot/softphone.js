// The console's softphone: the browser as a telephone line into the product. The microphone (with the browser's echo
// cancellation and noise suppression) goes through an AudioContext running at 8 kHz, so Web Audio resamples it, and an
// AudioWorklet (softphone-worklet.js) cuts it into 20 ms μ-law frames; they travel as Twilio Media Streams messages
// (connected, start with the call's single-use token, media, mark, stop) over the console's relay to the front end.
// The agent's audio is played in order on the same AudioContext; each mark is echoed once the audio sent before it has
// actually played, and a clear stops playback at once and echoes the marks still waiting, as Twilio does
// (https://www.twilio.com/docs/voice/media-streams/websocket-messages).
// With Twilio WebRTC configured, the page uses Twilio's Voice JavaScript SDK instead (startTwilio).
window.voiceGrainsSoftphone = {
    // Figures the browser tests read: frames sent, received and played through, clears heard and the frames they cut
    // off, marks echoed, the loudest agent frame played.
    stats: null,

    // First the microphone (the browser may ask the user, which takes as long as it takes), then the call: its media
    // token lasts only seconds.
    async openMicrophone() {
        this.hangUp();
        if (this.line) {
            this.line.microphone.getTracks().forEach(track => track.stop());
            this.line.context.close();
            this.line = null;
        }
        const context = new AudioContext({ sampleRate: 8000, latencyHint: 'interactive' });
        try {
            const microphone = await navigator.mediaDevices.getUserMedia({
                audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true, channelCount: 1 },
            });
            await context.audioWorklet.addModule(new URL('softphone-worklet.js', document.baseURI).href);
            const encoder = new AudioWorkletNode(context, 'mulaw-frames', { numberOfOutputs: 0 });
            context.createMediaStreamSource(microphone).connect(encoder);
            this.line = { context, microphone, encoder };
        } catch (error) {
            context.close();
            throw error;
        }
    },

    start(page, socketUrl, callSid, token, levelId) {
        const { context, microphone, encoder } = this.line;
        this.line = null;
        const stats = this.stats = { sent: 0, received: 0, played: 0, clears: 0, cut: 0, marks: 0, agentLevel: 0 };
        const socket = new WebSocket(socketUrl);
        const streamSid = 'MZ' + Array.from(crypto.getRandomValues(new Uint8Array(16)), b => b.toString(16).padStart(2, '0')).join('');
        const level = document.getElementById(levelId);
        let sequence = 0;
        let chunk = 0;
        const send = message => {
            if (socket.readyState === WebSocket.OPEN) {
                socket.send(JSON.stringify({ ...message, sequenceNumber: String(++sequence) }));
            }
        };
        const call = this.call = { page, socket, context, microphone, encoder, streamSid, callSid, send, muted: false, playing: new Set(), pendingMarks: [], next: 0 };

        socket.onopen = () => {
            send({ event: 'connected', protocol: 'Call', version: '1.0.0' });
            send({
                event: 'start', streamSid,
                start: {
                    accountSid: 'AC00000000000000000000000000000000', streamSid, callSid, tracks: ['inbound'],
                    customParameters: { token },
                    mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 },
                },
            });
            encoder.port.onmessage = event => {
                const frame = call.muted ? new Uint8Array(160).fill(0xff) : event.data.frame;
                if (level) {
                    level.value = call.muted ? 0 : Math.min(1, event.data.level * 4);
                }
                chunk++;
                send({ event: 'media', streamSid, media: { track: 'inbound', chunk: String(chunk), timestamp: String((chunk - 1) * 20), payload: voiceGrainsSoftphone.base64(frame) } });
                stats.sent++;
            };
        };
        socket.onmessage = event => this.receive(call, JSON.parse(event.data));
        socket.onclose = () => this.ended(call, 'The call has ended.');
        socket.onerror = () => this.ended(call, 'The call could not be connected.');
    },

    receive(call, message) {
        const stats = this.stats;
        if (message.event === 'media') {
            const bytes = Uint8Array.from(atob(message.media.payload), c => c.charCodeAt(0));
            const samples = new Float32Array(bytes.length);
            let energy = 0;
            for (let i = 0; i < bytes.length; i++) {
                samples[i] = voiceGrains.muLaw(bytes[i]);
                energy += samples[i] * samples[i];
            }
            const buffer = call.context.createBuffer(1, samples.length, 8000);
            buffer.copyToChannel(samples, 0);
            const source = call.context.createBufferSource();
            source.buffer = buffer;
            source.connect(call.context.destination);
            // Back to back, a little ahead of now so that frames arriving unevenly still join up.
            const start = Math.max(call.context.currentTime + 0.06, call.next);
            source.start(start);
            call.next = start + buffer.duration;
            call.playing.add(source);
            stats.received++;
            source.onended = () => {
                if (call.playing.delete(source)) {
                    stats.played++;
                    stats.agentLevel = Math.max(stats.agentLevel, Math.sqrt(energy / samples.length));
                }
                this.echoPlayedMarks(call);
            };
        } else if (message.event === 'mark') {
            call.pendingMarks.push({ name: message.mark.name, at: call.next });
            this.echoPlayedMarks(call);
        } else if (message.event === 'clear') {
            stats.clears++;
            const cut = [...call.playing];
            call.playing.clear();
            cut.forEach(source => source.stop());
            stats.cut += cut.length;
            call.next = 0;
            const waiting = call.pendingMarks.splice(0);
            waiting.forEach(mark => this.echo(call, mark.name));
        }
    },

    // A mark has played once the audio queued before it has: its moment on the context's clock has passed.
    echoPlayedMarks(call) {
        while (call.pendingMarks.length > 0 && call.pendingMarks[0].at <= call.context.currentTime) {
            this.echo(call, call.pendingMarks.shift().name);
        }
        if (call.pendingMarks.length > 0 && !call.markTimer) {
            call.markTimer = setTimeout(() => { call.markTimer = null; this.echoPlayedMarks(call); }, 20);
        }
    },

    echo(call, name) {
        this.stats.marks++;
        call.send({ event: 'mark', streamSid: call.streamSid, mark: { name } });
    },

    mute(muted) {
        if (this.call) {
            this.call.muted = muted;
        }
        this.twilio?.call.mute(muted);
    },

    hangUp() {
        this.twilio?.call.disconnect();
        const call = this.call;
        if (!call) {
            return;
        }
        call.send({ event: 'stop', streamSid: call.streamSid, stop: { accountSid: 'AC00000000000000000000000000000000', callSid: call.callSid } });
        call.socket.close(1000, 'hung up');
        this.ended(call, 'You hung up.');
    },

    ended(call, why) {
        if (call.over) {
            return;
        }
        call.over = true;
        call.microphone.getTracks().forEach(track => track.stop());
        call.encoder.port.onmessage = null;
        if (call.markTimer) {
            clearTimeout(call.markTimer);
        }
        // Let what the agent already said finish playing before the context goes.
        setTimeout(() => call.context.close(), Math.max(0, (call.next - call.context.currentTime) * 1000));
        if (this.call === call) {
            this.call = null;
        }
        call.page.invokeMethodAsync('Ended', why);
    },

    // Twilio WebRTC: the Voice SDK places a real call into the TwiML App (whose voice URL is the front end's webhook),
    // with an access token from the console, renewed before it runs out.
    async startTwilio(page, tokenUrl, to, levelId) {
        this.hangUp();
        if (!window.Twilio?.Device) {
            await new Promise((loaded, failed) => {
                const script = Object.assign(document.createElement('script'), { src: new URL('lib/twilio-voice-sdk/twilio.min.js', document.baseURI).href });
                script.onload = loaded;
                script.onerror = () => failed(new Error('The Twilio Voice SDK could not be loaded.'));
                document.head.append(script);
            });
        }
        const fetchToken = async () => (await (await fetch(tokenUrl, { credentials: 'same-origin' })).json()).token;
        const device = new Twilio.Device(await fetchToken(), { codecPreferences: ['opus', 'pcmu'] });
        device.on('tokenWillExpire', async () => device.updateToken(await fetchToken()));
        const call = await device.connect({ params: { To: to } });
        call.on('accept', () => page.invokeMethodAsync('Connected', call.parameters.CallSid));
        call.on('disconnect', () => { device.destroy(); this.twilio = null; page.invokeMethodAsync('Ended', 'The call has ended.'); });
        call.on('error', error => page.invokeMethodAsync('Ended', `Twilio: ${error.message}`));
        call.on('volume', input => { const level = document.getElementById(levelId); if (level) { level.value = input; } });
        this.twilio = { device, call };
    },

    base64(bytes) {
        let text = '';
        for (let i = 0; i < bytes.length; i++) {
            text += String.fromCharCode(bytes[i]);
        }
        return btoa(text);
    },
};
