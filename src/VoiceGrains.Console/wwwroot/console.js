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
};
