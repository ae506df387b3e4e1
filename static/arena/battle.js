// The rater page: show a battle, take a vote by click or key, reveal, move on without reloading.
// The next battle is fetched and its images preloaded while the rater looks at the current one.
(() => {
  "use strict";

  const root = document.getElementById("arena");
  const csrfToken = document.querySelector('meta[name="csrf-token"]').content;
  const nextUrl = root.dataset.nextUrl;
  const el = (id) => document.getElementById(id);
  const promptEl = el("prompt");
  const statusEl = el("status");
  const images = { left: el("img-left"), right: el("img-right") };
  const reveals = { left: el("reveal-left"), right: el("reveal-right") };
  const sides = { left: el("side-left"), right: el("side-right") };
  const voteControls = el("vote-controls");
  const nextControls = el("next-controls");
  const lightbox = el("lightbox");
  const RETRY_EMPTY_MS = 15000;

  let current = null; // the battle on screen
  let upcoming = null; // a promise of the next battle, already requested
  let shownAt = 0;

  const setPhase = (phase) => {
    // loading | voting | sending | revealed | empty
    root.dataset.phase = phase;
    for (const button of voteControls.querySelectorAll("button")) {
      button.disabled = phase !== "voting";
    }
    voteControls.hidden = phase === "revealed";
    nextControls.hidden = phase !== "revealed";
  };

  const say = (message) => {
    statusEl.textContent = message || "";
    statusEl.hidden = !message;
  };

  async function call(method, url, body) {
    const response = await fetch(url, {
      method,
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    let data = null;
    try {
      data = await response.json();
    } catch (_) {
      data = { error: "bad_response", detail: `The server answered ${response.status}.` };
    }
    return { ok: response.ok, status: response.status, data };
  }

  const preload = (url) =>
    new Promise((resolve) => {
      const img = new Image();
      img.onload = img.onerror = () => resolve();
      img.src = url;
    });

  async function requestBattle() {
    try {
      const result = await call("POST", nextUrl);
      if (!result.ok) return { error: result.data };
      await Promise.all([preload(result.data.left.url), preload(result.data.right.url)]);
      return { battle: result.data };
    } catch (err) {
      return { error: { error: "network", detail: "The arena cannot be reached. Retrying…" } };
    }
  }

  async function show(battle) {
    current = battle;
    promptEl.textContent = battle.prompt.text;
    promptEl.lang = battle.prompt.language;
    for (const side of ["left", "right"]) {
      images[side].src = battle[side].url;
      reveals[side].textContent = "";
      sides[side].classList.remove("winner", "loser");
    }
    // Votes count, and the rater's time starts, only once both images are on screen.
    await Promise.all(["left", "right"].map((side) => images[side].decode().catch(() => {})));
    say("");
    setPhase("voting");
    shownAt = performance.now();
    upcoming = requestBattle();
  }

  async function advance() {
    setPhase("loading");
    const pending = upcoming || requestBattle();
    upcoming = null;
    const { battle, error } = await pending;
    if (battle) {
      await show(battle);
      return;
    }
    current = null;
    promptEl.textContent = "";
    for (const side of ["left", "right"]) images[side].removeAttribute("src");
    setPhase("empty");
    say(error.detail || "No battle could be loaded.");
    setTimeout(() => {
      if (root.dataset.phase === "empty") advance();
    }, RETRY_EMPTY_MS);
  }

  async function vote(choice) {
    if (root.dataset.phase !== "voting" || !current) return;
    setPhase("sending");
    const latency = Math.round(performance.now() - shownAt);
    const result = await call("POST", `/api/battles/${encodeURIComponent(current.id)}/vote`, {
      choice,
      latency_ms: latency,
    });
    if (result.ok) {
      reveal(result.data);
    } else if (result.status === 410 || result.status === 404) {
      say(result.data.detail);
      advance();
    } else {
      say(result.data.detail || "The vote was not recorded; try again.");
      setPhase("voting");
    }
  }

  function reveal(data) {
    for (const side of ["left", "right"]) {
      reveals[side].textContent = data[side].display_name;
      if (data.winner) sides[side].classList.add(data.winner === side ? "winner" : "loser");
    }
    el("vote-count").textContent = data.votes;
    const verdict = {
      left: "You chose the left image.",
      right: "You chose the right image.",
      tie: "You called it a tie.",
      both_bad: "You found both bad.",
    }[data.choice];
    say(`${verdict} Press Enter for the next battle.`);
    setPhase("revealed");
    el("next").focus();
  }

  async function skip() {
    if (root.dataset.phase !== "voting" || !current) return;
    setPhase("sending");
    await call("POST", `/api/battles/${encodeURIComponent(current.id)}/skip`);
    advance();
  }

  function enlarge(side) {
    if (!images[side].src) return;
    el("lightbox-img").src = images[side].src;
    lightbox.showModal();
  }

  const voteKeys = {
    1: "left", ArrowLeft: "left",
    2: "right", ArrowRight: "right",
    3: "tie", ArrowUp: "tie",
    4: "both_bad", ArrowDown: "both_bad",
  };

  document.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey || lightbox.open) return;
    const phase = root.dataset.phase;
    if (phase === "voting" && voteKeys[event.key]) {
      event.preventDefault();
      vote(voteKeys[event.key]);
    } else if (phase === "voting" && (event.key === "s" || event.key === "S")) {
      event.preventDefault();
      skip();
    } else if (phase === "revealed" && ["Enter", " ", "n", "N"].includes(event.key)) {
      event.preventDefault();
      advance();
    }
  });

  for (const button of voteControls.querySelectorAll("button.vote")) {
    button.addEventListener("click", () => vote(button.dataset.choice));
  }
  el("skip").addEventListener("click", skip);
  el("next").addEventListener("click", advance);
  for (const button of document.querySelectorAll("button.zoom")) {
    button.addEventListener("click", () => enlarge(button.dataset.side));
  }
  lightbox.addEventListener("click", (event) => {
    if (event.target === lightbox) lightbox.close();
  });

  advance();
})();
