export declare const STAFF_MARKERS: string[];
export declare const STAFF_SOURCES: RegExp[];
export declare function checkPublicBundles(dir: string): string[];
