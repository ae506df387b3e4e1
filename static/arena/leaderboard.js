// Live leaderboard: when the server says votes changed, fetch the board again and swap it in.
// Falls back to polling when websockets are unavailable.
(() => {
  "use strict";
  const board = document.getElementById("board");
  const status = document.getElementById("live-status");
  const POLL_MS = 15000;
  let pollTimer = null;

  async function refresh() {
    const response = await fetch(board.dataset.fragmentUrl, { credentials: "same-origin" });
    if (response.ok) board.innerHTML = await response.text();
  }

  function poll() {
    if (pollTimer === null) pollTimer = setInterval(refresh, POLL_MS);
    status.textContent = "Refreshes every 15 seconds.";
  }

  function connect() {
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    let socket;
    try {
      socket = new WebSocket(`${scheme}://${location.host}${board.dataset.socketPath}`);
    } catch (_) {
      poll();
      return;
    }
    socket.onmessage = () => refresh();
    socket.onopen = () => { status.textContent = "Updates live as votes arrive."; };
    socket.onclose = () => { poll(); setTimeout(connect, POLL_MS); };
  }

  connect();
})();
