import { useEffect, useId, useRef, useState, type DragEvent } from 'react';
import { ApiError, uploadWithProgress } from '../lib/api';
import { useAdminAuth } from '../lib/auth';
import { explain } from '../lib/messages';
import type { TicketPackage } from '../lib/types';
import { Alert } from '../components/Alert';
import { adminBase, useAdminApi } from './hooks';

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
const ACCEPTED = ['image/jpeg', 'image/png', 'image/webp'];

/** Client-side pre-check (the server decodes the bytes too): type and the 5 MiB limit. */
function checkImage(file: File): string | null {
  if (!ACCEPTED.includes(file.type)) return `“${file.name}” is not a JPEG, PNG or WebP image.`;
  if (file.size > MAX_IMAGE_BYTES)
    return `“${file.name}” is ${(file.size / 1024 / 1024).toFixed(1)} MB; the limit is 5 MB.`;
  return null;
}

export function ImageUpload({
  eventId,
  pkg,
  onChanged,
}: {
  eventId: string;
  pkg: TicketPackage;
  onChanged: () => void;
}) {
  const token = useAdminAuth((s) => s.token);
  const call = useAdminApi();
  const inputId = useId();
  const [preview, setPreview] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [dragOver, setDragOver] = useState(false);
  const abortRef = useRef<(() => void) | null>(null);
  const url = `${adminBase(eventId)}/tickets/packages/${pkg.id}/image`;

  useEffect(() => () => abortRef.current?.(), []);
  useEffect(
    () => () => {
      if (preview) URL.revokeObjectURL(preview);
    },
    [preview],
  );

  const upload = async (file: File) => {
    setError(null);
    setNotice(null);
    const problem = checkImage(file);
    if (problem) return setError(problem);
    setPreview(URL.createObjectURL(file));
    const form = new FormData();
    form.append('file', file, file.name);
    setProgress(0);
    try {
      // A package created seconds ago may not have reached media-service yet (it learns packages from
      // events, within 2 s, longer just after a restart): retry a package_not_found for 20 s before giving up.
      for (let attempt = 0; ; attempt++) {
        const { promise, abort } = uploadWithProgress<{ image_url: string }>(url, form, token, setProgress);
        abortRef.current = abort;
        try {
          await promise;
          break;
        } catch (err) {
          if ((err as ApiError).code !== 'package_not_found' || attempt >= 40) throw err;
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
      }
      setNotice('Image uploaded.');
      // The package shows the new image_url within 2 s (API.md); refresh then.
      setTimeout(onChanged, 2000);
    } catch (err) {
      setPreview(null);
      const apiError = err as ApiError;
      if (apiError.code !== 'aborted') setError(explain(apiError));
    } finally {
      setProgress(null);
      abortRef.current = null;
    }
  };

  const remove = async () => {
    setError(null);
    try {
      await call(url, { method: 'DELETE' });
      setPreview(null);
      setNotice('Image deleted.');
      setTimeout(onChanged, 2000);
    } catch (err) {
      setError(explain(err));
    }
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragOver(false);
    const file = event.dataTransfer.files[0];
    if (file) upload(file);
  };

  const shown = preview ?? (notice === 'Image deleted.' ? null : pkg.image_url);
  return (
    <section className="card" aria-labelledby={`${inputId}-h`}>
      <h2 id={`${inputId}-h`}>Image</h2>
      <div
        className={`dropzone ${dragOver ? 'over' : ''}`}
        data-testid="image-dropzone"
        onDragOver={(e) => {
          e.preventDefault();
          setDragOver(true);
        }}
        onDragLeave={() => setDragOver(false)}
        onDrop={onDrop}
      >
        {shown ? (
          <img src={shown} alt={`Image of ${pkg.name}`} className="preview" />
        ) : (
          <p className="muted">Drop a JPEG, PNG or WebP image here (up to 5 MB)</p>
        )}
        <label htmlFor={inputId} className="btn">
          Choose an image…
        </label>
        <input
          id={inputId}
          type="file"
          accept={ACCEPTED.join(',')}
          className="visually-hidden"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) upload(f);
          }}
        />
      </div>
      {progress !== null && (
        <div className="upload-progress">
          <progress max={1} value={progress} aria-label="Upload progress" />
          <span>{Math.round(progress * 100)}%</span>
          <button type="button" className="btn btn-small" onClick={() => abortRef.current?.()}>
            Cancel
          </button>
        </div>
      )}
      {error && <Alert>{error}</Alert>}
      {notice && <Alert tone="success">{notice}</Alert>}
      {pkg.image_url && progress === null && (
        <button type="button" className="btn btn-danger-quiet" onClick={remove}>
          Delete image
        </button>
      )}
    </section>
  );
}
