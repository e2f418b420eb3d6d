import { useEffect, useRef, useState } from 'react';
import { createQrReader, type QrReader } from './scanner';

/** The same code seen again within this time is the same guest still holding up the phone, not a second scan. */
const REPEAT_MS = 4_000;
const FRAME_MS = 150;

type CameraState =
  { kind: 'off' } | { kind: 'starting' } | { kind: 'on'; engine: string } | { kind: 'error'; text: string };

function cameraError(error: unknown): string {
  const name = (error as { name?: string })?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError')
    return 'The camera is not allowed. Allow it in the browser’s site settings, or type the code below.';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'No camera found. Type the code below.';
  if (name === 'NotReadableError') return 'The camera is in use by another app. Close it, then try again.';
  return 'The camera could not start. Type the code below.';
}

/** The phone's camera as a QR scanner: every code it reads goes to `onCode` (not while `paused`). */
export function CameraScanner({ onCode, paused }: { onCode: (code: string) => void; paused: boolean }) {
  const video = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | null>(null);
  const readerRef = useRef<QrReader | null>(null);
  const [state, setState] = useState<CameraState>({ kind: 'off' });
  const onCodeRef = useRef(onCode);
  const pausedRef = useRef(paused);
  useEffect(() => {
    onCodeRef.current = onCode;
    pausedRef.current = paused;
  }, [onCode, paused]);

  const stop = () => {
    stream.current?.getTracks().forEach((track) => track.stop());
    stream.current = null;
    if (video.current) video.current.srcObject = null;
    setState({ kind: 'off' });
  };

  const start = async () => {
    setState({ kind: 'starting' });
    try {
      const media = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: { ideal: 'environment' } },
        audio: false,
      });
      stream.current = media;
      const reader = await createQrReader();
      if (!video.current) return media.getTracks().forEach((track) => track.stop());
      video.current.srcObject = media;
      await video.current.play();
      readerRef.current = reader;
      setState({ kind: 'on', engine: reader.engine });
    } catch (error) {
      stream.current?.getTracks().forEach((track) => track.stop());
      stream.current = null;
      setState({ kind: 'error', text: cameraError(error) });
    }
  };
  useEffect(() => {
    if (state.kind !== 'on') return;
    let cancelled = false;
    let timer = 0;
    let last = { code: '', at: 0 };
    const tick = async () => {
      const reader = readerRef.current;
      if (!cancelled && reader && video.current && !pausedRef.current) {
        try {
          const code = await reader.read(video.current);
          const now = Date.now();
          if (code && !cancelled && (code !== last.code || now - last.at > REPEAT_MS)) {
            last = { code, at: now };
            onCodeRef.current(code);
          } else if (code) last.at = now;
        } catch {
          // a frame that cannot be read (the video is resizing): the next one will do
        }
      }
      if (!cancelled) timer = window.setTimeout(tick, FRAME_MS);
    };
    void tick();
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [state.kind]);

  useEffect(() => () => stream.current?.getTracks().forEach((track) => track.stop()), []);

  const supported = typeof navigator !== 'undefined' && !!navigator.mediaDevices?.getUserMedia;
  return (
    <div className="door-camera">
      <video
        ref={video}
        className={state.kind === 'on' ? 'door-video' : 'door-video hidden'}
        muted
        playsInline
        aria-label="Camera view: hold the ticket’s QR code in the frame"
      />
      {state.kind === 'on' || state.kind === 'starting' ? (
        <button type="button" className="btn btn-block" onClick={stop}>
          Stop camera
        </button>
      ) : (
        <button
          type="button"
          className="btn btn-primary btn-large btn-block"
          onClick={start}
          disabled={!supported}
          title={supported ? undefined : 'This browser gives no access to a camera here'}
        >
          Scan with the camera
        </button>
      )}
      {state.kind === 'starting' && (
        <p role="status" className="muted">
          Starting the camera…
        </p>
      )}
      {state.kind === 'on' && (
        <p className="muted small" role="status">
          Hold the QR code in the frame{paused ? ' — checking…' : '.'}
        </p>
      )}
      {state.kind === 'error' && <p className="field-error">{state.text}</p>}
      {!supported && (
        <p className="muted small">No camera access in this browser (it needs HTTPS). Type the code below.</p>
      )}
    </div>
  );
}
