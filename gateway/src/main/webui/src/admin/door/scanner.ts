/**
 * Reading QR codes off camera frames: the browser's BarcodeDetector where it has one (Chrome on Android, Safari),
 * else jsQR on frames drawn to a canvas (jsQR is loaded only on those browsers).
 */

/** Reads the QR code in the video's current frame, if any. */
export interface QrReader {
  read(video: HTMLVideoElement): Promise<string | null>;
  readonly engine: 'BarcodeDetector' | 'jsQR';
}

// BarcodeDetector is not in TypeScript's DOM library yet.
interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: CanvasImageSource): Promise<DetectedBarcode[]>;
}
interface BarcodeDetectorClass {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats?: () => Promise<string[]>;
}

/** Frames are scaled down to this width for jsQR: enough for a ticket held up to the camera, and quick. */
const MAX_FRAME_WIDTH = 720;

async function nativeReader(): Promise<QrReader | null> {
  const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (!Detector) return null;
  try {
    const formats = (await Detector.getSupportedFormats?.()) ?? ['qr_code'];
    if (!formats.includes('qr_code')) return null;
    const detector = new Detector({ formats: ['qr_code'] });
    return {
      engine: 'BarcodeDetector',
      read: async (video) => (await detector.detect(video)).find((code) => code.rawValue)?.rawValue ?? null,
    };
  } catch {
    return null;
  }
}

async function jsQrReader(): Promise<QrReader> {
  const { default: jsQR } = await import('jsqr');
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  return {
    engine: 'jsQR',
    read: async (video) => {
      if (!context || !video.videoWidth || !video.videoHeight) return null;
      const scale = Math.min(1, MAX_FRAME_WIDTH / video.videoWidth);
      const width = Math.round(video.videoWidth * scale);
      const height = Math.round(video.videoHeight * scale);
      if (canvas.width !== width) canvas.width = width;
      if (canvas.height !== height) canvas.height = height;
      context.drawImage(video, 0, 0, width, height);
      const frame = context.getImageData(0, 0, width, height);
      return jsQR(frame.data, width, height, { inversionAttempts: 'dontInvert' })?.data || null;
    },
  };
}

export async function createQrReader(): Promise<QrReader> {
  return (await nativeReader()) ?? jsQrReader();
}
